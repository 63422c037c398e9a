using GateForge.Ir.Tools;

namespace GateForge.Ir.Tests;

/// <summary>The Slurm module's parsing and the array spec it writes (the real cluster runs in the CLI's tests).</summary>
public sealed class SlurmTests
{
    [Theory]
    [InlineData(new[] { 1, 2, 3 }, "1-3")]
    [InlineData(new[] { 5, 1, 3, 2 }, "1-3,5")]
    [InlineData(new[] { 2 }, "2")]
    [InlineData(new[] { 1, 3, 5, 6, 7, 9, 10 }, "1,3,5-7,9-10")]
    public void The_array_spec_joins_runs(int[] indices, string expected) => Assert.Equal(expected, Slurm.ArraySpec(indices));

    [Fact]
    public void Squeue_lines_parse_to_typed_states_and_activity()
    {
        var tasks = Slurm.ParseTasks("3 PENDING\n1 RUNNING\n2 FAILED\n4 OUT_OF_MEMORY\n5 COMPLETED\n6 SOMETHING_NEW\nN/A RUNNING\n");
        Assert.Equal(
            [new(3, SlurmTaskState.Pending), new(1, SlurmTaskState.Running), new(2, SlurmTaskState.Failed), new(4, SlurmTaskState.OutOfMemory),
                new(5, SlurmTaskState.Completed), new SlurmTask(6, SlurmTaskState.Other)],
            tasks);
        Assert.Equal([true, true, false, false, false, false], tasks.Select(t => Slurm.IsActive(t.State)));
        Assert.Equal("OUT_OF_MEMORY", Slurm.Name(SlurmTaskState.OutOfMemory));
        Assert.Equal("CANCELLED", Slurm.Name(Slurm.ParseState("CANCELLED")));
        Assert.Throws<ArgumentException>(() => Slurm.ArraySpec([]));
    }
}
