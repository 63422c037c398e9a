using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GateForge.Cli.Tests;

/// <summary>What a child `gateforge` run that was sent SIGINT left behind.</summary>
internal sealed record SignalledResult(int ExitCode, string Stdout, string Stderr, bool Signalled, IReadOnlyList<string> Survivors,
    IReadOnlyList<string> ToolsSeen)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() =>
        $"exit {ExitCode}, signalled {Signalled}, tools seen [{string.Join(", ", ToolsSeen)}], survivors [{string.Join(", ", Survivors)}]\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// Runs the built CLI as a child process (as a shell would), waits until <c>ready</c> says the work
/// is under way, then sends SIGINT once or twice to the CLI's process alone (as `kill -INT PID`
/// does: the tools it started get no signal of their own). Every descendant process seen while it
/// ran is recorded; those still alive after it exited are its <see cref="SignalledResult.Survivors"/>
/// (killed here, so that a failing test leaves nothing running).
/// </summary>
internal static partial class SignalledRun
{
    private const int Sigint = 2;

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    public static SignalledResult Run(string currentFolder, Func<IReadOnlyCollection<string>, bool> ready, int signals,
        IReadOnlyList<string> args, bool toGroup = false, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? readyWithin = null)
    {
        var dotnet = Ir.Tools.ExternalTool.Find("dotnet") ?? "dotnet";
        // toGroup: the CLI leads a process group of its own (setsid execs it under the same id) and
        // the signal goes to the whole group, tools included, as Ctrl-C in a terminal or `timeout -s INT` sends it
        var psi = new ProcessStartInfo(toGroup ? "setsid" : dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = currentFolder,
        };
        if (toGroup)
            psi.ArgumentList.Add(dotnet);
        psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
            psi.Environment[k] = v;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        var seen = new Dictionary<int, (string Comm, string Start)>();
        var watch = Stopwatch.StartNew();
        var limit = readyWithin ?? TimeSpan.FromSeconds(90);
        var signalled = false;
        while (!p.HasExited && watch.Elapsed < limit)
        {
            Track(p.Id, seen);
            if (ready([.. seen.Values.Select(v => v.Comm)]))
            {
                var target = toGroup ? -p.Id : p.Id;
                Assert.Equal(0, SysKill(target, Sigint));
                signalled = true;
                for (var s = 1; s < signals; s++)
                {
                    // the second Ctrl-C while the first is being handled, as a user hitting it twice does
                    Thread.Sleep(10);
                    if (!p.HasExited)
                        SysKill(target, Sigint);
                }
                break;
            }
            Thread.Sleep(5);
        }
        while (!p.WaitForExit(20))
        {
            Track(p.Id, seen);
            if (watch.Elapsed > limit + TimeSpan.FromSeconds(60))
            {
                p.Kill(entireProcessTree: true);
                Assert.Fail($"gateforge {string.Join(' ', args)} did not stop within a minute of SIGINT\nstderr:\n{stderr}");
            }
        }
        p.WaitForExit();
        Thread.Sleep(300); // a killed tree takes a moment to go
        var survivors = new List<string>();
        foreach (var (pid, (comm, start)) in seen)
        {
            if (Stat(pid) is { } now && now.Start == start && now.State != "Z")
            {
                survivors.Add($"{now.Comm} ({pid})"); // a child seen between fork and exec was named as its parent
                SysKill(pid, 9);
            }
        }
        return new SignalledResult(p.ExitCode, stdout.ToString(), stderr.ToString(), signalled, survivors,
            [.. seen.Values.Select(v => v.Comm).Distinct()]);
    }

    /// <summary>Adds every live descendant of <paramref name="root"/> to <paramref name="seen"/>.</summary>
    private static void Track(int root, Dictionary<int, (string Comm, string Start)> seen)
    {
        var parents = new Dictionary<int, int>();
        var info = new Dictionary<int, (string Comm, string Start, string State)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (Stat(pid) is not { } s)
                continue;
            parents[pid] = s.Parent;
            info[pid] = (s.Comm, s.Start, s.State);
        }
        var inTree = new HashSet<int> { root };
        bool grew;
        do
        {
            grew = false;
            foreach (var (pid, parent) in parents)
                if (inTree.Contains(parent) && inTree.Add(pid))
                    grew = true;
        }
        while (grew);
        inTree.Remove(root);
        foreach (var pid in inTree)
            if (info[pid].State != "Z")
                seen.TryAdd(pid, (info[pid].Comm, info[pid].Start));
    }

    /// <summary>/proc/PID/stat: the command name, state, parent and start time (null when the process is gone).</summary>
    private static (string Comm, string State, int Parent, string Start)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        if (open < 0 || close < open)
            return null;
        var rest = text[(close + 2)..].Split(' ');
        // fields after the name: state(3) ppid(4) ... starttime(22)
        return (text[(open + 1)..close], rest[0], int.Parse(rest[1], CultureInfo.InvariantCulture), rest[19]);
    }
}
