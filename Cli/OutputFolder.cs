namespace GateForge.Cli;

/// <summary>
/// Writes a whole output folder or file atomically: everything goes into a hidden temporary sibling,
/// which replaces the target by a rename only once it is complete. A failure or Ctrl-C leaves the
/// previous contents (or nothing) and no half-written folder.
/// </summary>
internal static class OutputFolder
{
    /// <summary>Runs <paramref name="fill"/> on a fresh temporary folder, then moves it to <paramref name="target"/>.</summary>
    public static void Write(string target, Action<string> fill, CancellationToken cancellation)
    {
        target = Path.GetFullPath(target);
        if (File.Exists(target))
            throw new UsageException($"output '{target}' is a file, not a folder");
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Sibling(target, "tmp");
        Directory.CreateDirectory(temp);
        try
        {
            fill(temp);
            cancellation.ThrowIfCancellationRequested();
            Replace(temp, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes one file through a temporary name in the same folder and renames it.</summary>
    public static void WriteFile(string target, Action<string> write)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target))
            throw new UsageException($"output '{target}' is a folder, not a file");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = Sibling(target, "tmp");
        try
        {
            write(temp);
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            if (File.Exists(temp))
                File.Delete(temp);
            throw;
        }
    }

    public static void WriteText(string target, string text) =>
        WriteFile(target, temp => File.WriteAllText(temp, text));

    private static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }
        // Two renames: the old folder steps aside, the new one takes its name, the old one goes.
        var old = Sibling(target, "old");
        Directory.Move(target, old);
        Directory.Move(temp, target);
        TryDelete(old);
    }

    private static string Sibling(string target, string tag) =>
        Path.Combine(Path.GetDirectoryName(target)!,
            $".{Path.GetFileName(target)}.{tag}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover hidden temp folder is harmless
        }
    }
}
