using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>Stopping a tool (cancellation, timeout, a second Ctrl-C) stops every process it started.</summary>
public sealed class ExternalToolStopTests
{
    /// <summary>
    /// A tool whose child outlives its own parent (a build that backgrounds a job, a process forked
    /// while its parent was being killed) is no longer in the tool's process tree, only in its process
    /// group. Walking the tree (<c>Process.Kill(entireProcessTree)</c>, all that stopped a tool before it
    /// ran under setsid) left that child running: InterruptTests saw verilator_bin outlive `verify`
    /// after SIGINT twice. The group kill stops it.
    /// </summary>
    [Fact]
    public void A_cancelled_tool_leaves_no_process_behind_not_even_an_orphaned_child()
    {
        if (!OperatingSystem.IsLinux())
            return; // the check reads /proc
        var marker = "gf-stop-" + Guid.NewGuid().ToString("N");
        List<int> Marked() => LiveProcesses.WithEnvironment("GF_STOP_MARKER", marker);
        using var cancel = new CancellationTokenSource();
        var run = Task.Run(() => ExternalTool.Run("sh",
            // the subshell starts a sleep and exits at once: that sleep's parent is gone, it is an orphan
            ["-c", "(sleep 30 </dev/null >/dev/null 2>&1 &); sleep 30"],
            cancellation: cancel.Token, environment: new Dictionary<string, string?> { ["GF_STOP_MARKER"] = marker }));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Marked().Count != 3 && DateTime.UtcNow < deadline) // sh and both sleeps, the subshell gone
            Thread.Sleep(10);
        Assert.Equal(3, Marked().Count);
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => run.GetAwaiter().GetResult());
        Thread.Sleep(300); // a killed group takes a moment to go
        var left = Marked();
        foreach (var pid in left)
            Kill(pid);
        Assert.True(left.Count == 0, $"{left.Count} process(es) of the cancelled tool still running");
    }

    private static void Kill(int pid)
    {
        try
        {
            System.Diagnostics.Process.GetProcessById(pid).Kill();
        }
        catch (ArgumentException) { }
        catch (InvalidOperationException) { }
    }
}
