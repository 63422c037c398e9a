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
    public void Resume_without_config_or_data_continues_the_checkpoints_own_model_on_its_data()
    {
        // what the cancellation line tells a user to type: no -c, no --data (monk1 is not the default
        // data set, 2 × 30 not its default model; before, this resumed against the defaults and refused)
        CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--layers", "2", "--neurons", "30", "--steps", "20", "--eval-every", "20", "-o", "{dir}/ck", "-q");
        var r = CliRunner.Expect(0, _dir.Path, "train", "--resume", "-o", "{dir}/ck", "--steps", "40", "--eval-every", "20");
        Assert.Contains("training 2 x 30 ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(" on monk1 ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("trained 40 steps", r.Stdout, StringComparison.Ordinal);
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

    private static void ContainsAll(string text, params string[] parts)
    {
        foreach (var part in parts)
            Assert.Contains(part, text, StringComparison.Ordinal);
    }

    private void SmallNetlist()
    {
        var b = new Ir.NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        b.AddOutputBus("y", [b.And(x[0], x[1])]);
        Ir.NetlistJson.Save(b.Build(), _dir.File("small.json"));
    }

    /// <summary>A MONK-1 checkpoint, netlist and design folder (pipelined, with the AXI wrapper): MONK's features are categorical.</summary>
    private void Monk1Design()
    {
        CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--steps", "40", "--eval-every", "40", "--threads", "1", "-o", "{dir}/ck", "-q");
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/n.json", "-q");
        CliRunner.Expect(0, _dir.Path, "emit", "{dir}/n.json", "-o", "{dir}/hw/monk", "--pipeline-every", "4", "--axi", "-q");
    }

    [Fact]
    public void An_unknown_dump_after_pass_is_refused_before_any_work()
    {
        SmallNetlist();
        var r = CliRunner.Run(_dir.Path, "opt", "{dir}/small.json", "-o", "{dir}/o.json", "--dump-after", "nosuch");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.StartsWith("gateforge: --dump-after nosuch: no such pass (passes: const-fold,", Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
        Assert.False(File.Exists(_dir.File("o.json")));
    }

    [Fact]
    public void Quiet_still_prints_an_asked_for_dump_and_nothing_else()
    {
        SmallNetlist();
        var r = CliRunner.Expect(0, _dir.Path, "opt", "{dir}/small.json", "-o", "{dir}/o.json", "--passes", "const-fold,dce", "--dump-after", "dce", "-q");
        Assert.Contains("--- dump after dce\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("netlist nodes=", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("== opt", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("const-fold ", r.Stdout, StringComparison.Ordinal); // no pass log line
        Assert.Single(r.Stdout.Split('\n'), l => l.StartsWith("--- dump after", StringComparison.Ordinal));
    }

    [Fact]
    public void Sim_refuses_an_unknown_bus_before_simulating()
    {
        SmallNetlist();
        var r = CliRunner.Run(_dir.Path, "sim", "{dir}/small.json", "--random", "5", "--vcd", "{dir}/w.vcd", "--buses", "x,nosuch");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.Equal("gateforge: --buses nosuch: the simulated netlist has no such bus (buses: x, y)", Assert.Single(r.ErrorLines));
        Assert.DoesNotContain("vectors through", r.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("w.vcd")));
    }

    [Fact]
    public void Emit_messages_name_the_options_a_user_has()
    {
        Monk1Design();
        CliRunner.Expect(0, _dir.Path, "opt", "{dir}/n.json", "-o", "{dir}/p.json", "--passes", "pipeline(every=4)", "-q");
        var pipelined = CliRunner.Run(_dir.Path, "emit", "{dir}/p.json", "-o", "{dir}/hw2");
        Assert.Equal(ExitCodes.BadInput, pipelined.ExitCode);
        var line = Assert.Single(pipelined.ErrorLines);
        Assert.Contains("--pipeline-every", line, StringComparison.Ordinal);
        Assert.DoesNotContain("EmitOptions", line, StringComparison.Ordinal);
        Assert.Equal("", pipelined.Stdout);

        var encoder = CliRunner.Run(_dir.Path, "emit", "{dir}/n.json", "-o", "{dir}/hw3", "--encoder");
        Assert.Equal(ExitCodes.BadInput, encoder.ExitCode);
        line = Assert.Single(encoder.ErrorLines);
        ContainsAll(line, "integer 8-bit value (0..255)", "feature 'a1' is categorical");
        Assert.DoesNotContain("numeric features", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Checks_turned_off_are_reported_as_skipped_with_the_option()
    {
        Monk1Design();
        var r = CliRunner.Expect(0, _dir.Path, "verify", "{dir}/hw/monk", "--no-verilator", "--no-c", "--random", "100", "--hdl-vectors", "50");
        ContainsAll(r.Stdout,
            "SKIPPED monk.v vs model (Verilator): skipped: turned off (--no-verilator)",
            "SKIPPED monk.c vs model (C compiler): skipped: turned off (--no-c)",
            "PASS    monk_axis.v vs model (Icarus Verilog, AXI4-Stream)",
            "(3 skipped)");
        var report = Flow.Reports.ReportJson.Load(_dir.File("hw/monk/report.json"));
        var skipped = report.Equivalence.Where(e => e.Status == Ir.Tools.CheckStatus.Skipped).Select(e => e.Check).ToList();
        Assert.Equal(["monk.c vs model (C compiler)", "monk.v vs model (Verilator)", "monk_pipe.v vs model (Verilator)"], skipped);
        // the progress line names only what runs
        var running = new Flow.VerifySettings { Verilator = false, C = false }.Running();
        Assert.DoesNotContain("Verilator", running, StringComparison.Ordinal);
        Assert.DoesNotContain("C,", running, StringComparison.Ordinal);
        Assert.Contains("Icarus", running, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_reports_budget_skips_under_verify_and_counts_them_and_skip_training_announces_no_training()
    {
        Monk1Design();
        var config = new Dictionary<string, object>
        {
            ["design"] = "monk",
            ["data"] = "monk1",
            ["checkpoint"] = _dir.File("ck"),
            ["skip_training"] = true,
            ["output"] = _dir.File("hw-run/monk"),
            ["pipeline_every"] = 4,
            ["vectors"] = 32,
            ["verify"] = new Dictionary<string, object> { ["random"] = 100, ["hdl_vectors"] = 20, ["verilator_max_gates"] = 1, ["formal"] = false },
            ["synth"] = Array.Empty<string>(),
        };
        File.WriteAllText(_dir.File("run.json"), System.Text.Json.JsonSerializer.Serialize(config));
        var r = CliRunner.Expect(0, _dir.Path, "run", "{dir}/run.json");
        Assert.DoesNotContain("== train", r.Stdout, StringComparison.Ordinal);
        var lines = r.Stdout.Split('\n');
        var verify = Array.FindIndex(lines, l => l.StartsWith("== verify", StringComparison.Ordinal));
        Assert.True(verify > 0, r.Stdout);
        // every SKIPPED line is a check line of the verify stage, and the stage's count agrees with the summary
        var skippedLines = lines.Select((l, i) => (l, i)).Where(p => p.l.TrimStart().StartsWith("SKIPPED", StringComparison.Ordinal)
            && !p.l.StartsWith("    ", StringComparison.Ordinal)).ToList();
        Assert.All(skippedLines, p => Assert.True(p.i > verify, p.l));
        var counted = System.Text.RegularExpressions.Regex.Match(r.Stdout, @"verified in [0-9.]+ s: \d+ pass, 0 fail, (\d+) skipped");
        Assert.True(counted.Success, r.Stdout);
        var summary = lines.Count(l => l.StartsWith("    SKIPPED", StringComparison.Ordinal));
        Assert.Equal(int.Parse(counted.Groups[1].Value, CultureInfo.InvariantCulture), summary);
        Assert.Equal(skippedLines.Count, summary);
        Assert.Contains("too large for the configured budget", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(6, summary); // two Verilator tops over the budget; four formal checks (two cec, two dsec of the pipelined top) turned off in the config
    }

    [Fact]
    public void A_synthesis_timeout_is_not_a_success()
    {
        var big = TestKit.RandomNetlists.Layered(64, [1500, 1500], seed: 3, headClasses: 4);
        Ir.NetlistJson.Save(big, _dir.File("big.json"));
        CliRunner.Expect(0, _dir.Path, "emit", "{dir}/big.json", "-o", "{dir}/hw/big", "-q");
        var r = CliRunner.Run(_dir.Path, "synth", "{dir}/hw/big", "--target", "xilinx", "--yosys-max-gates", "10000000", "--timeout", "1");
        Assert.Equal(ExitCodes.VerificationFailed, r.ExitCode);
        Assert.Contains("timeout", r.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^gateforge: synthesis for xilinx stopped after 1 s \(--timeout 1\); no figures$", Assert.Single(r.ErrorLines));
    }

    [Fact]
    public void Epochs_record_the_steps_they_ran_not_the_default()
    {
        var r = CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--epochs", "3", "--eval-every", "1000", "--threads", "1", "-o", "{dir}/ck");
        // MONK-1: 124 training rows, 10% held out → 112 rows, batch 32 → 4 steps an epoch
        Assert.Contains(", 12 steps", r.Stdout, StringComparison.Ordinal);
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("ck/config.json")));
        Assert.Equal(3, config.RootElement.GetProperty("epochs").GetInt32());
        Assert.Equal(12, config.RootElement.GetProperty("steps").GetInt32());
    }

    [Fact]
    public void The_design_report_has_the_training_time_when_train_ran_separately()
    {
        Monk1Design();
        using var state = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_dir.File("ck/state.json")));
        var seconds = Math.Round(state.RootElement.GetProperty("seconds").GetDouble(), 3);
        Assert.True(seconds > 0);
        var report = Flow.Reports.ReportJson.Load(_dir.File("hw/monk/report.json"));
        Assert.Equal(seconds, report.Timings["train"]);
        Assert.Contains("emit", report.Timings.Keys);
    }

    [Fact]
    public void A_csv_design_gets_a_C_encode_helper_that_matches_the_encoder()
    {
        // two numeric features with fractional values and a categorical one
        var lines = new List<string> { "a,colour,b,kind" };
        string[] colours = ["red", "green", "blue"];
        for (var i = 0; i < 90; i++)
        {
            var k = i % 3;
            var a = (k * 10.25 + (i * 7 % 9) * 0.37).ToString(CultureInfo.InvariantCulture);
            var b = (30 - k * 9.5 + (i * 5 % 7) * 1.1).ToString(CultureInfo.InvariantCulture);
            lines.Add($"{a},{colours[(i / 3 + k) % 3]},{b},c{k}");
        }
        File.WriteAllLines(_dir.File("three.csv"), lines);
        CliRunner.Expect(0, _dir.Path, "train", "--data", "csv:{dir}/three.csv", "--layers", "2", "--neurons", "30", "--encoder-bits", "5",
            "--steps", "20", "--eval-every", "20", "--threads", "1", "-o", "{dir}/ck3", "-q");
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck3", "-o", "{dir}/n3.json", "-q");
        CliRunner.Expect(0, _dir.Path, "emit", "{dir}/n3.json", "-o", "{dir}/hw/three", "-q");
        var folder = _dir.File("hw/three");
        Assert.Contains("void three_encode(const float *features, uint8_t *bits);", File.ReadAllText(Path.Combine(folder, "three.h")), StringComparison.Ordinal);

        var encoder = Training.Models.TrainedModel.Load(_dir.File("ck3")).Encoder!;
        Assert.Contains(encoder.Features, f => f.Kind == Training.Encoding.FeatureEncodingKind.OneHot);
        Assert.Contains(encoder.Features, f => f.Kind == Training.Encoding.FeatureEncodingKind.Thermometer && f.Thresholds.Length > 1);
        var split = Training.Data.DataSets.Load("csv:" + _dir.File("three.csv"));
        var rows = new List<float[]>();
        foreach (var set in new[] { split.Train, split.Test })
            for (var r = 0; r < set.Count; r++)
                rows.Add(set.Row(r).ToArray());
        // values on the thresholds themselves, and just beside them, where > and >= differ
        foreach (var t in encoder.Features.Where(f => f.Kind == Training.Encoding.FeatureEncodingKind.Thermometer).SelectMany(f => f.Thresholds))
            foreach (var v in new[] { t, MathF.BitIncrement(t), MathF.BitDecrement(t) })
                rows.Add([v, 1, v]);
        File.WriteAllLines(Path.Combine(folder, "features.txt"), rows.Select(r => string.Join(' ', r.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        File.WriteAllText(Path.Combine(folder, "encode_driver.c"), """
            #include <stdio.h>
            #include "three.h"
            int main(void)
            {
                float f[THREE_NUM_FEATURES];
                uint8_t bits[THREE_NUM_INPUTS];
                int i;
                for (;;) {
                    for (i = 0; i < THREE_NUM_FEATURES; i++)
                        if (scanf("%f", &f[i]) != 1)
                            return 0;
                    three_encode(f, bits);
                    for (i = 0; i < THREE_NUM_INPUTS; i++)
                        putchar('0' + bits[i]);
                    putchar('\n');
                }
            }
            """);
        var build = Ir.Tools.CCompiler.Compile(folder, ["encode_driver.c", "three.c"], "encode_driver", ["-O1", "-Wall", "-Wextra", "-Werror", "-pedantic"]);
        Assert.True(build.Ok, build.Detail + "\n" + build.Result?.Output);
        var run = Ir.Tools.ExternalTool.Run(Path.Combine(folder, "encode_driver"), [], folder, TimeSpan.FromMinutes(1),
            stdin: File.ReadAllText(Path.Combine(folder, "features.txt")));
        Assert.True(run.Ok, run.Output);
        var got = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(rows.Count, got.Length);
        var expected = new byte[encoder.BitCount];
        for (var r = 0; r < rows.Count; r++)
        {
            encoder.EncodeRow(rows[r], expected);
            Assert.Equal(string.Concat(expected.Select(b => (char)('0' + b))), got[r]);
        }
    }

    [Fact]
    public void Lut_and_flip_flop_counts_have_thousands_separators()
    {
        var report = new Flow.Reports.DesignReport
        {
            Design = "d",
            Synthesis = [new Flow.Reports.SynthesisRecord("lut6", "abc if -K 6 (AIGER)", 18362, 5864, 24226, Flow.Reports.SynthesisStatus.Ok, "", 1)],
        };
        var text = new StringWriter();
        SummaryPrinter.Print(text, report);
        Assert.Contains("18,362 LUTs, 5,864 FFs, 24,226 cells", text.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Issue 16: the README's CLI table lists every option of every verb (the table a new user reads first).</summary>
public sealed class ReadmeTableTests
{
    [Fact]
    public void The_cli_table_names_every_option_of_every_verb()
    {
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var root = CommandTree.Build(new CliContext(TextWriter.Null, TextWriter.Null, CancellationToken.None, interactive: false));
        var missing = new List<string>();
        foreach (var verb in root.Subcommands)
        {
            var row = readme.FirstOrDefault(l => l.StartsWith($"| `{verb.Name} ", StringComparison.Ordinal) || l.StartsWith($"| `{verb.Name}`", StringComparison.Ordinal));
            if (row is null)
            {
                missing.Add(verb.Name);
                continue;
            }
            var cell = System.Text.RegularExpressions.Regex.Split(row, @"(?<!\\)\|")[1]; // `\|` inside a cell is an escaped bar
            foreach (var option in verb.Options.Where(o => o.Name is not ("--help" or "--version") && !o.Recursive))
                if (!cell.Contains(option.Name, StringComparison.Ordinal) && !option.Aliases.Any(a => cell.Contains(a, StringComparison.Ordinal)))
                    missing.Add($"{verb.Name} {option.Name}");
        }
        Assert.True(missing.Count == 0, "README's CLI table lacks: " + string.Join(", ", missing));
    }
}
