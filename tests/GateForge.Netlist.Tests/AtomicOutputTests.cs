using System.Diagnostics;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>Temporaries never outlive the process that made them (issue 15 item 5): a process stopped
/// at once removes its own on the way out, and the next run sweeps those of dead processes.</summary>
/// <remarks>Not in parallel with other tests: <see cref="AtomicOutput.RemoveTemporaries"/> removes every temporary of the process.</remarks>
[Collection(AtomicOutputTests.Serial)]
public sealed class AtomicOutputTests
{
    public const string Serial = "AtomicOutput, alone";

    /// <summary>The id of a process that has exited (ids are not reused at once).</summary>
    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        p.WaitForExit();
        return p.Id;
    }

    private static string[] Hidden(string dir) => [.. Directory.GetFileSystemEntries(dir, ".*").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    [Fact]
    public void Next_write_sweeps_the_temporaries_of_dead_processes_and_keeps_live_ones()
    {
        using var dir = new TempDir();
        var dead = DeadPid();
        var stale = dir.File($".design.tmp-{dead}-0123abcd");
        var nested = dir.File($"..design.tmp-{dead}-0123abcd.tmp-{dead}-4567cdef");
        Directory.CreateDirectory(stale);
        File.WriteAllText(Path.Combine(stale, "half.v"), "module");
        Directory.CreateDirectory(nested);
        File.WriteAllText(dir.File($".n.json.tmp-{dead}-89abcdef"), "{");
        var live = dir.File($".design.tmp-{Environment.ProcessId}-fedcba98");
        Directory.CreateDirectory(live);
        var other = dir.File(".gitignore");
        File.WriteAllText(other, "x");

        Assert.Equal(3, AtomicOutput.RemoveStaleTemporaries(dir.Path));
        Assert.Equal([".design.tmp-" + Environment.ProcessId + "-fedcba98", ".gitignore"], Hidden(dir.Path));
    }

    [Fact]
    public void A_folder_shared_with_other_machines_is_not_swept_by_pid_until_asked()
    {
        // a Slurm task's process id means nothing on another node: its staging folder must survive the others' writes
        using var dir = new TempDir();
        var elsewhere = dir.File($".point1.tmp-{DeadPid()}-0123abcd");
        Directory.CreateDirectory(elsewhere);
        AtomicOutput.LeaveTemporariesIn(dir.Path);
        AtomicOutput.WriteFolder(dir.File("point2"), t => File.WriteAllText(Path.Combine(t, "result.json"), "{}"));
        Assert.True(Directory.Exists(elsewhere));
        Assert.Equal(1, AtomicOutput.RemoveStaleTemporaries(dir.Path));
        Assert.Empty(Hidden(dir.Path));
    }

    [Fact]
    public void A_folder_stepped_aside_by_a_dead_replace_is_put_back()
    {
        using var dir = new TempDir();
        var old = dir.File($".design.old-{DeadPid()}-0123abcd");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, "design.v"), "previous");
        Assert.Equal(1, AtomicOutput.RemoveStaleTemporaries(dir.Path));
        Assert.Equal("previous", File.ReadAllText(dir.File("design/design.v")));
        Assert.Empty(Hidden(dir.Path));
    }

    [Fact]
    public void Writing_a_folder_sweeps_its_parent_first()
    {
        using var dir = new TempDir();
        var stale = dir.File($".design.tmp-{DeadPid()}-0123abcd");
        Directory.CreateDirectory(stale);
        AtomicOutput.WriteFolder(dir.File("design"), t => File.WriteAllText(Path.Combine(t, "a.txt"), "new"));
        Assert.Empty(Hidden(dir.Path));
        Assert.Equal("new", File.ReadAllText(dir.File("design/a.txt")));
        Assert.Contains(Path.GetFullPath(dir.File("design")), AtomicOutput.CompletedOutputs);
    }

    [Fact]
    public void Files_written_into_a_temporary_folder_that_is_never_put_in_place_are_not_completed_outputs()
    {
        using var dir = new TempDir();
        var before = AtomicOutput.CompletedOutputs.Count;
        Assert.Throws<OperationCanceledException>(() => AtomicOutput.WriteFolder(dir.File("design"), temp =>
        {
            AtomicOutput.WriteText(Path.Combine(temp, "report.json"), "{}");
            AtomicOutput.WriteFolder(temp, inner => File.WriteAllText(Path.Combine(inner, "a.v"), "x"), ExistingFolder.Merge);
            throw new OperationCanceledException();
        }));
        Assert.Equal(before, AtomicOutput.CompletedOutputs.Count);
        Assert.False(Directory.Exists(dir.File("design")));
    }

    [Fact]
    public void Way_out_removes_this_process_temporaries_nested_ones_too()
    {
        using var dir = new TempDir();
        var target = dir.File("design");
        AtomicOutput.WriteFolder(target, t => File.WriteAllText(Path.Combine(t, "v.txt"), "previous"));
        var seen = Array.Empty<string>();
        Assert.Throws<OperationCanceledException>(() => AtomicOutput.WriteFolder(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "v.txt"), "half");
            // The emitter merges into the temporary folder through a temporary of its own (a sibling).
            AtomicOutput.WriteFolder(temp, inner =>
            {
                File.WriteAllText(Path.Combine(inner, "w.txt"), "half");
                seen = Hidden(dir.Path);
                AtomicOutput.RemoveTemporaries(); // what a second Ctrl-C does before the process stops
                throw new OperationCanceledException();
            }, ExistingFolder.Merge);
        }));
        Assert.Equal(2, seen.Length); // the outer temporary and the nested one
        Assert.Empty(Hidden(dir.Path));
        Assert.Equal("previous", File.ReadAllText(Path.Combine(target, "v.txt")));
    }
}

[CollectionDefinition(AtomicOutputTests.Serial, DisableParallelization = true)]
public sealed class AtomicOutputSerialCollection;
