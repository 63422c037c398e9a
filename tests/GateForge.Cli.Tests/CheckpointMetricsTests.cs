using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>A checkpoint whose metrics.csv has a malformed row: freeze and train --resume say so in one line and exit 2 (it used to be skipped).</summary>
public sealed class CheckpointMetricsTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-metrics");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_malformed_metrics_row_is_one_line_and_exit_2_and_nothing_is_written()
    {
        string[] train = ["train", "--data", "monk1", "--layers", "2", "--neurons", "30", "--steps", "20", "--eval-every", "10", "-o", "{dir}/ck", "-q"];
        var trained = CliRunner.Run(_dir.Path, train);
        Assert.True(trained.ExitCode == 0, trained.Stderr);
        var metrics = Path.Combine(_dir.File("ck"), "metrics.csv");
        var lines = File.ReadAllLines(metrics);
        var fields = lines[1].Split(',');
        fields[2] = "0.6x";
        lines[1] = string.Join(',', fields);
        File.WriteAllLines(metrics, lines);

        var freeze = CliRunner.Run(_dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/n.json");
        Assert.Equal(ExitCodes.BadInput, freeze.ExitCode);
        Assert.Equal($"gateforge: {metrics}:2: loss '0.6x' is not a number", Assert.Single(freeze.ErrorLines));
        Assert.False(File.Exists(_dir.File("n.json")));
        Assert.False(File.Exists(_dir.File("n.report.json")));

        var resume = CliRunner.Run(_dir.Path, [.. train, "--resume"]);
        Assert.Equal(ExitCodes.BadInput, resume.ExitCode);
        Assert.Equal($"gateforge: {metrics}:2: loss '0.6x' is not a number", Assert.Single(resume.ErrorLines));
    }
}
