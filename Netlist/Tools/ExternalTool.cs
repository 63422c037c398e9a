using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace GateForge.Ir.Tools;

/// <summary>The outcome of running an external tool (ABC, Yosys, a C compiler, a simulator).</summary>
public sealed record ToolResult(string Tool, int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed)
{
    public bool Ok => ExitCode == 0 && !TimedOut;

    /// <summary>Stdout and stderr together, for error messages.</summary>
    public string Output => Stderr.Length == 0 ? Stdout : Stdout + "\n" + Stderr;

    /// <summary>The last few lines of the output, for a one-line error.</summary>
    public string Tail(int lines = 3)
    {
        var all = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", all.Skip(Math.Max(0, all.Length - lines)));
    }
}

/// <summary>
/// Runs installed command-line tools: finds them on PATH, passes arguments without a shell, captures
/// output (ANSI colours stripped: ABC colours even through a pipe), enforces a timeout and honours
/// cancellation by killing the tool's process group (its process tree where there is no setsid).
/// </summary>
public static partial class ExternalTool
{
    /// <summary>The exit status of a process stopped by SIGINT (128 + 2, as shells and .NET report it).</summary>
    public const int InterruptedExit = 130;

    /// <summary>The tool processes this process has running now, by id.</summary>
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    /// <summary>Set by <see cref="KillAll"/>: no tool may start after it.</summary>
    private static volatile bool _stopping;

    /// <summary>
    /// For a process about to stop at once (a second Ctrl-C): kills the process tree of every tool
    /// still running and refuses to start another. A process that stops without unwinding runs no
    /// cancellation callback, and a tool started without the token would outlive it (seen: a
    /// `verilator` build and `berkeley-abc` left running after `kill -INT` twice).
    /// </summary>
    public static void KillAll()
    {
        // under the start lock: a tool is either started and in Running (killed below) or refused.
        // Without it a parallel check could start verilator after the loop and before its own
        // re-check, and the process exited first: CI saw verilator_bin outlive `verify` after
        // SIGINT twice (InterruptTests, 1 run in ~800, since the checks run in parallel)
        lock (StartLock)
            _stopping = true;
        foreach (var p in Running.Values)
            Kill(p);
    }

    /// <summary>Held while a tool starts and is entered in <see cref="Running"/>, and while <see cref="KillAll"/> sets <see cref="_stopping"/>.</summary>
    private static readonly Lock StartLock = new();

    /// <summary>Full path of <paramref name="name"/> on PATH, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name))
            return File.Exists(name) ? name : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    public static bool IsInstalled(string name) => Find(name) is not null;

    public static ToolResult Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null,
        TimeSpan? timeout = null, CancellationToken cancellation = default, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var exe = Find(tool) ?? throw new FileNotFoundException($"{tool} is not installed (not found on PATH)");
        var psi = new ProcessStartInfo(Setsid ?? exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (Setsid is not null)
        {
            psi.ArgumentList.Add("--wait"); // setsid execs the tool in place (same process); --wait only if it had to fork
            psi.ArgumentList.Add(exe);
        }
        foreach (var a in arguments)
            psi.ArgumentList.Add(a);
        // variables set (null: removed) for the tool alone, over this process's environment
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        int id;
        lock (StartLock)
        {
            if (_stopping)
                throw new OperationCanceledException("the process is stopping: no new tool run");
            p.Start();
            id = p.Id;
            Running[id] = p;
        }
        var timedOut = false;
        try
        {
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            if (stdin is not null)
            {
                p.StandardInput.Write(stdin);
                p.StandardInput.Close();
            }
            var limit = timeout ?? TimeSpan.FromMinutes(10);
            using (cancellation.Register(() => Kill(p)))
            {
                if (!p.WaitForExit(limit))
                {
                    timedOut = true;
                    Kill(p);
                }
                p.WaitForExit();
            }
        }
        finally
        {
            Running.TryRemove(id, out _);
        }
        cancellation.ThrowIfCancellationRequested();
        if (!timedOut && p.ExitCode == InterruptedExit)
        {
            // The tool was stopped by SIGINT: a Ctrl-C in a terminal (or `timeout -s INT`) reaches the
            // whole process group, and the tool may die of it before this process's handler cancels
            // the token. That is the user's interrupt, not the tool's failure (emit reported it as
            // "internal error: abc if -K 6 failed (exit 130)" and exited 3).
            cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            throw new OperationCanceledException($"{Path.GetFileName(tool)} was interrupted (SIGINT)", cancellation);
        }
        return new ToolResult(Path.GetFileName(tool), timedOut ? -1 : p.ExitCode,
            StripAnsi(stdout.ToString()), StripAnsi(stderr.ToString()), timedOut, sw.Elapsed);
    }

    public static string StripAnsi(string s) => AnsiEscape().Replace(s, "");

    /// <summary>
    /// `setsid` on Linux: each tool then leads a process group of its own, and stopping it is one
    /// kill of that group, which the kernel applies to every member, a child being forked included.
    /// <c>Process.Kill(entireProcessTree)</c> alone stops the tool and then lists its children: a child
    /// forked in that moment is missed and outlives its killed parent (CI: verilator_bin left running
    /// after `verify` got SIGINT twice, InterruptTests, the signal sent as `verilator` started it).
    /// </summary>
    private static readonly string? Setsid = OperatingSystem.IsLinux() ? Find("setsid") : null;

    private const int SigKill = 9;

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    private static void Kill(Process p)
    {
        if (Setsid is not null)
        {
            try
            {
                // the tool's group (its id is the tool's pid); fails harmlessly before setsid ran, when there are no children yet
                SysKill(-p.Id, SigKill);
            }
            catch (InvalidOperationException)
            {
                // not started or already gone
            }
        }
        try
        {
            if (!p.HasExited)
                p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
