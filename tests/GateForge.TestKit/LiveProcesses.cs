using System.Globalization;

namespace GateForge.TestKit;

/// <summary>Processes found through /proc (Linux): what a test started and must not leave running.</summary>
public static class LiveProcesses
{
    /// <summary>
    /// Live processes (zombies left out, this process too) whose environment holds
    /// <paramref name="name"/>=<paramref name="value"/>: a variable given to a tool reaches everything it starts.
    /// </summary>
    public static List<int> WithEnvironment(string name, string value)
    {
        var mark = "\0" + name + "=" + value + "\0";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId || IsZombie(pid))
                continue;
            try
            {
                if (("\0" + File.ReadAllText(Path.Combine(dir, "environ")) + "\0").Contains(mark, StringComparison.Ordinal))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone, or not ours to read
            }
        }
        return found;
    }

    /// <summary>Whether <paramref name="pid"/> has exited (a zombie, waiting for its parent, or gone).</summary>
    public static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
