using System.Globalization;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>Issue 16: what a new user tripped over, each checked as the user met it.</summary>
public sealed class NewUserTests : IDisposable
{
    private readonly TempDir _dir = new("gf-newuser");

    public void Dispose() => _dir.Dispose();

    /// <summary>Three classes in two numeric features, 90 rows (deterministic).</summary>
    private static void WriteCsv(string path)
    {
        var lines = new List<string> { "a,b,kind" };
        for (var i = 0; i < 90; i++)
        {
            var k = i % 3;
            var a = (k * 10 + (i * 7 % 9)).ToString(CultureInfo.InvariantCulture);
            var b = (30 - k * 10 + (i * 5 % 7)).ToString(CultureInfo.InvariantCulture);
            lines.Add($"{a},{b},c{k}");
        }
        File.WriteAllLines(path, lines);
    }

    [Fact]
    public void A_csv_trained_design_works_from_another_folder()
    {
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        var elsewhere = Directory.CreateDirectory(_dir.File("elsewhere")).FullName;
        WriteCsv(Path.Combine(data, "three.csv"));
        var ck = _dir.File("ck");
        CliRunner.ExpectProcess(0, data, "train", "--data", "csv:three.csv", "--layers", "2", "--neurons", "30",
            "--steps", "40", "--eval-every", "40", "-o", ck, "-q");

        CliRunner.ExpectProcess(0, elsewhere, "freeze", ck, "-o", _dir.File("n.json"), "-q");
        CliRunner.ExpectProcess(0, elsewhere, "emit", _dir.File("n.json"), "-o", _dir.File("hw/three"), "-q");
        var verify = CliRunner.ExpectProcess(0, elsewhere, "verify", _dir.File("hw/three"), "--no-verilator", "--no-icarus", "-q");
        Assert.Contains("vs model", verify.Stdout, StringComparison.Ordinal);

        File.Move(Path.Combine(data, "three.csv"), Path.Combine(data, "moved.csv"));
        var moved = CliRunner.RunProcess(elsewhere, "verify", _dir.File("hw/three"), "-q");
        Assert.Equal(2, moved.ExitCode);
        var line = Assert.Single(moved.ErrorLines);
        Assert.Contains("was it moved? pass --data", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_in_train_says_a_resumable_checkpoint_was_kept()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var r = CliRunner.Run(_dir.Path, cancel.Token, "train", "--data", "monk1", "--steps", "1000000", "--eval-every", "1000000", "-o", "{dir}/ck", "-q");
        Assert.Equal(ExitCodes.Cancelled, r.ExitCode);
        var line = Assert.Single(r.ErrorLines);
        Assert.Matches(@"^gateforge: cancelled at step \d+ of 1000000; the checkpoint in .*/ck holds step \d+ \(`gateforge train --resume -o .*/ck` continues\)$", line);
        Assert.DoesNotContain("no output was written", r.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir.Path, "ck", "config.json")));
    }

    [Fact]
    public void Verify_of_a_netlist_file_uses_the_checkpoint_its_report_names()
    {
        CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--steps", "40", "--eval-every", "40", "-o", "{dir}/ck", "-q");
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/n.json", "-q");
        var r = CliRunner.Expect(0, _dir.Path, "verify", "{dir}/n.json", "-q");
        Assert.Contains("n.json vs model (simulation)", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("all 1 checks passed", r.Stdout, StringComparison.Ordinal);

        File.Delete(_dir.File("n.report.json"));
        var alone = CliRunner.Run(_dir.Path, "verify", "{dir}/n.json", "-q");
        Assert.Equal(ExitCodes.BadInput, alone.ExitCode);
        Assert.Contains("no checkpoint is known", Assert.Single(alone.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_explains_fixpoint()
    {
        var r = CliRunner.Expect(0, _dir.Path, "help", "fixpoint");
        Assert.StartsWith("fixpoint: repeat passes until a round changes nothing\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("fixpoint(balance,dce)", r.Stdout, StringComparison.Ordinal);
        var unknown = CliRunner.Run(_dir.Path, "help", "nosuch");
        Assert.Contains("fixpoint)", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_prints_the_resolved_config_and_takes_threads()
    {
        var r = CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--steps", "20", "--eval-every", "20", "--threads", "1", "-o", "{dir}/ck");
        var config = Assert.Single(r.Stdout.Split('\n'), l => l.StartsWith("config {", StringComparison.Ordinal));
        Assert.Contains("\"threads\":1", config, StringComparison.Ordinal);
        Assert.Contains("\"steps\":20", config, StringComparison.Ordinal);
        // the tabular defaults (MONK is tabular data), not the demo model's 8,000 neurons
        var tabular = Training.Models.ModelDefaults.For(Training.Models.DataKind.Tabular);
        Assert.Contains($"\"neurons\":{tabular.Neurons}", config, StringComparison.Ordinal);
        Assert.Contains("\"threads\": 1", File.ReadAllText(_dir.File("ck/config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_is_named()
    {
        var r = CliRunner.Run(_dir.Path, "frobnicate");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.StartsWith("gateforge: unknown command 'frobnicate' (commands: demo, run, train,", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_and_passes_together_are_refused()
    {
        var b = new Ir.NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        b.AddOutputBus("y", [b.And(x[0], x[1])]);
        Ir.NetlistJson.Save(b.Build(), _dir.File("small.json"));
        var r = CliRunner.Run(_dir.Path, "opt", "{dir}/small.json", "-o", "{dir}/o.json", "-O2", "--passes", "dce");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Equal("gateforge: give an optimisation level or --passes, not both (-O2 and --passes \"dce\")", Assert.Single(r.ErrorLines));
        Assert.False(File.Exists(_dir.File("o.json")));
    }
}
