using GateForge.Fuzz;

namespace GateForge.Training.Tests;

/// <summary>
/// The short version of bench/FuzzBench (issue 15, fuzzing as a habit): each reader on 400 inputs
/// with a new seed per reader, and every input that ever failed kept as a regression.
/// </summary>
public sealed class FuzzTests
{
    public static TheoryData<string> Readers()
    {
        using var dir = new TempDir();
        return [.. FuzzTargets.All(dir.Path).Select(t => t.Name)];
    }

    [Theory]
    [MemberData(nameof(Readers))]
    public void Reader_never_crashes_hangs_or_prints_several_lines(string reader)
    {
        using var dir = new TempDir();
        var target = FuzzTargets.All(dir.Path).Single(t => t.Name == reader);
        var report = FuzzRunner.Run(target, inputs: 400, seed: reader.Length, TimeSpan.FromSeconds(10));
        Assert.True(report.Bad == 0, $"{report}; first: {string.Join(" | ", report.Failures.Take(3).Select(f => $"{f.Outcome}: {f.Detail}"))}");
        Assert.True(report.Counts[FuzzOutcome.Refused] > 0, "no input was refused: the mutations reach nothing");
    }

    [Fact]
    public void Every_kept_failure_is_now_refused_in_one_line()
    {
        using var dir = new TempDir();
        var targets = FuzzTargets.All(dir.Path).ToDictionary(t => t.Name);
        var files = Regressions.Files().ToList();
        Assert.NotEmpty(files);
        foreach (var (reader, path) in files)
        {
            Assert.True(targets.ContainsKey(reader), $"{path}: no reader named {reader}");
            var outcome = FuzzRunner.Classify(targets[reader], File.ReadAllBytes(path), out var detail);
            Assert.True(outcome is FuzzOutcome.Refused or FuzzOutcome.Accepted, $"{path}: {outcome}: {detail}");
        }
    }

    [Fact]
    public void The_harness_sees_a_crash_and_a_multi_line_error()
    {
        var crash = new FuzzTarget { Name = "t", Seeds = [], Generate = _ => [], Read = _ => throw new InvalidOperationException("boom"), Documented = [typeof(TrainingException)] };
        Assert.Equal(FuzzOutcome.Crash, FuzzRunner.Classify(crash, [], out _));
        var lines = new FuzzTarget { Name = "t", Seeds = [], Generate = _ => [], Read = _ => throw new TrainingException("a\nb"), Documented = [typeof(TrainingException)] };
        Assert.Equal(FuzzOutcome.MultiLineError, FuzzRunner.Classify(lines, [], out _));
    }
}
