using GateForge.Emitters;
using GateForge.Flow.Reports;
using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// Issue 13 from the command line: a stream-parity model trained, frozen into a sequential
/// netlist, optimised, emitted, verified, synthesised, simulated with a VCD and reported; every
/// sequential check runs (none skipped) and passes, and the folder is a design folder like any
/// other (manifest, report.json, report.html).
/// </summary>
public sealed class RecurrentEndToEndTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-recur");

    [Fact]
    public void Stream_parity_verb_by_verb()
    {
        var d = _dir.Path;
        var train = CliRunner.Expect(0, d, "train", "--data", "stream-parity", "-o", "{dir}/ck", "--steps", "500", "--eval-every", "250", "-q");
        Assert.Contains("discrete 100.00%", train.Stdout, StringComparison.Ordinal);
        var freeze = CliRunner.Expect(0, d, "freeze", "{dir}/ck", "-o", "{dir}/frozen.json");
        Assert.Contains("2000 test sequences", freeze.Stdout, StringComparison.Ordinal);
        CliRunner.Expect(0, d, "opt", "{dir}/frozen.json", "-o", "{dir}/opt.json", "-O2");
        CliRunner.Expect(0, d, "emit", "{dir}/opt.json", "-o", "{dir}/hw-out/parity");
        foreach (var file in new[] { "parity.v", "parity_tb.v", "parity.aig", "parity.c", "parity.h", "seq_in.hex", "seq_out.hex", "netlist.json", "netlist.orig.json",
                     "design.json", "report.json", "report.html" })
            Assert.True(File.Exists(_dir.File("hw-out/parity/" + file)), file);
        var manifest = DesignManifest.Load(_dir.File("hw-out/parity"));
        Assert.Equal(DesignInterface.Sequence, manifest.Interface);
        Assert.Equal(Directory.GetFiles(_dir.File("hw-out/parity")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            manifest.Files.Select(f => f.Name).Order(StringComparer.Ordinal));

        var verify = CliRunner.Expect(0, d, "verify", "{dir}/hw-out/parity");
        foreach (var check in new[] { "vs model (cycle simulation, 2000 test sequences)", "vs model (cycle simulation, random sequences)",
                     "netlist.orig.json vs netlist.json (ABC dsec)", "through Yosys (ABC dsec)",
                     "parity_predict on whole sequences", "in Icarus", "in Verilator" })
            Assert.StartsWith("PASS ", Line(verify.Stdout, check), StringComparison.Ordinal);
        Assert.Contains("all 7 checks passed (0 skipped)", verify.Stdout, StringComparison.Ordinal);
        // a check turned off is reported as skipped, not dropped
        var off = CliRunner.Expect(0, d, "verify", "{dir}/hw-out/parity", "--no-verilator", "--no-c");
        Assert.StartsWith("SKIPPED parity_tb.v in Verilator", Line(off.Stdout, "parity_tb.v in Verilator"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED parity.c parity_predict", Line(off.Stdout, "parity_predict on whole sequences"), StringComparison.Ordinal);
        Assert.Contains("5 pass, 0 fail, 2 skipped", off.Stdout, StringComparison.Ordinal);
        CliRunner.Expect(0, d, "verify", "{dir}/hw-out/parity");

        var synth = CliRunner.Expect(0, d, "synth", "{dir}/hw-out/parity", "--target", "lut6");
        // the progress line prints the figures (a lost `$` once printed "{Count(record.Luts)} LUTs")
        Assert.Matches(@"lut6\s+[0-9,]+ LUTs, [0-9,]+ FFs, [0-9,]+ cells", synth.Stdout);
        var report = ReportJson.Load(_dir.File("hw-out/parity/report.json"));
        Assert.Equal(7, report.Equivalence.Count(e => e.Status == CheckStatus.Pass));
        var lut6 = Assert.Single(report.Synthesis);
        Assert.Equal(SynthesisStatus.Ok, lut6.Status);
        Assert.True(lut6.Luts > 0, synth.Stdout);
        Assert.Equal(report.Sequence!.Latches, lut6.Ffs); // the latches are the flip-flops
        Assert.Equal(4, report.Sequence.HiddenBits); // the default model's state; the done latch is the fifth
        Assert.Equal(1.0, report.Model!.Accuracy!.Discrete);
        Assert.Equal(64, report.Sequence.Steps);
        Assert.Equal(64 + report.Sequence.Latency, report.Sequence.CyclesPerInference);

        var sim = CliRunner.Expect(0, d, "sim", "{dir}/hw-out/parity", "--vcd", "{dir}/parity.vcd", "--show", "2");
        Assert.Contains("all 200 results match", sim.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"sequence 0 \(\d+ steps\): scores=\[\d+ \d+\]  class_id=[01]", sim.Stdout);
        var vcd = File.ReadAllText(_dir.File("parity.vcd"));
        Assert.Contains("$var wire 1 ", vcd, StringComparison.Ordinal);
        Assert.Contains(" in_last ", vcd, StringComparison.Ordinal);
        Assert.Contains(" out_valid ", vcd, StringComparison.Ordinal);

        // a corrupted expected result is a mismatch (exit 1), not a pass
        var outFile = _dir.File("hw-out/parity/seq_out.hex");
        var lines = File.ReadAllLines(outFile);
        lines[3] = lines[3][..^1] + (lines[3][^1] == '0' ? '1' : '0');
        File.WriteAllLines(outFile, lines);
        var bad = CliRunner.Expect(1, d, "sim", "{dir}/hw-out/parity", "--show", "0");
        Assert.Contains("sequence 3 (length", bad.Stderr, StringComparison.Ordinal);

        var printed = CliRunner.Expect(0, d, "report", "{dir}/hw-out/parity");
        Assert.Contains("sequence        ", printed.Stdout, StringComparison.Ordinal);
        Assert.Contains("cycles          ", printed.Stdout, StringComparison.Ordinal);
        Assert.Contains("hidden state (latches)", File.ReadAllText(_dir.File("hw-out/parity/report.html")), StringComparison.Ordinal);
    }

    // An image data set read row by row (sequence: rows) through the whole flow. Its checkpoint's
    // encoder makes H × W × bits, the model reads W × bits per step: freeze once refused every such
    // checkpoint ("encoder makes 1568 bits, the model takes 56" for recurrent-mnist).
    // The second case keeps the state as a delay line (stateShift 3: three features per row, every
    // row's in its place), whose latches of the first rows' features no readout gate may read.
    [Theory]
    [InlineData(""" "hidden": 16, "stepLayers": [64], "readout": [40] """, 16)]
    [InlineData(""" "hidden": 24, "stepLayers": [53], "readout": [40], "stateShift": 3 """, 24)]
    public void Row_sequence_images_verb_by_verb(string shape, int hidden)
    {
        var d = _dir.Path;
        File.WriteAllText(_dir.File("rows.json"), $$"""
            {
              "recurrent": { {{shape}}, "sequence": "rows", "stateStraightThrough": true },
              "parametrization": "iwp", "classes": 2, "encoderBits": 1, "gumbel": false,
              "tau": 4, "learningRate": 0.1, "batchSize": 50, "steps": 300, "evalEvery": 100, "seed": 1, "threads": 1
            }
            """);
        CliRunner.Expect(0, d, "train", "--data", "bars", "-c", "{dir}/rows.json", "-o", "{dir}/ck", "-q");
        var freeze = CliRunner.Expect(0, d, "freeze", "{dir}/ck", "-o", "{dir}/frozen.json");
        Assert.Contains("1000 test sequences", freeze.Stdout, StringComparison.Ordinal);
        CliRunner.Expect(0, d, "opt", "{dir}/frozen.json", "-o", "{dir}/opt.json", "-O2");
        CliRunner.Expect(0, d, "emit", "{dir}/opt.json", "-o", "{dir}/hw/bars");
        var verify = CliRunner.Expect(0, d, "verify", "{dir}/hw/bars");
        Assert.Contains("lengths 8–8", Line(verify.Stdout, "vs model (cycle simulation, 1000 test sequences)"), StringComparison.Ordinal);
        Assert.Contains("all 7 checks passed (0 skipped)", verify.Stdout, StringComparison.Ordinal);
        var report = ReportJson.Load(_dir.File("hw/bars/report.json"));
        Assert.Equal(8, report.Sequence!.StepBits); // one 8-pixel row of 1-bit pixels per clock
        Assert.Equal(8, report.Sequence.Steps);
        Assert.Equal(hidden, report.Sequence.HiddenBits);
        Assert.True(report.Model!.Accuracy!.Discrete >= 0.8, $"bars read by rows: {report.Model.Accuracy.Discrete:P2} discrete"); // 88.60% measured
    }

    // configs/stream-majority.json (the local state wiring) through the flow: 250 steps already
    // count well past the majority class (55.5 %), and the design passes every check.
    [Fact]
    public void Stream_majority_with_the_shipped_config_verb_by_verb()
    {
        var d = _dir.Path;
        var config = Path.Combine(RepoPaths.Root, "configs", "stream-majority.json");
        var train = CliRunner.Expect(0, d, "train", "--data", "stream-majority", "-c", config, "-o", "{dir}/ck", "--steps", "250", "--eval-every", "250");
        Assert.Contains("32 hidden bits wired locally", train.Stdout, StringComparison.Ordinal);
        CliRunner.Expect(0, d, "freeze", "{dir}/ck", "-o", "{dir}/frozen.json", "-q");
        CliRunner.Expect(0, d, "opt", "{dir}/frozen.json", "-o", "{dir}/opt.json", "-O2");
        CliRunner.Expect(0, d, "emit", "{dir}/opt.json", "-o", "{dir}/hw/majority");
        var verify = CliRunner.Expect(0, d, "verify", "{dir}/hw/majority");
        Assert.Contains("all 7 checks passed (0 skipped)", verify.Stdout, StringComparison.Ordinal);
        var report = ReportJson.Load(_dir.File("hw/majority/report.json"));
        Assert.Equal(32, report.Sequence!.HiddenBits);
        Assert.True(report.Model!.Accuracy!.Discrete >= 0.85, $"stream-majority: {report.Model.Accuracy.Discrete:P2} discrete"); // 92.10 % measured
    }

    [Fact]
    public void A_sequential_design_refuses_a_pipeline_and_unknown_vcd_buses_with_one_line()
    {
        var d = _dir.Path;
        CliRunner.Expect(0, d, "train", "--data", "stream-parity", "-o", "{dir}/ck", "--steps", "60", "--eval-every", "60", "-q");
        CliRunner.Expect(0, d, "freeze", "{dir}/ck", "-o", "{dir}/frozen.json", "-q");
        var pipe = CliRunner.Expect(2, d, "sim", "{dir}/frozen.json", "--pipeline-every", "2");
        Assert.Single(pipe.ErrorLines);
        var buses = CliRunner.Expect(2, d, "sim", "{dir}/frozen.json", "--vcd", "{dir}/x.vcd", "--buses", "nosuch");
        Assert.Equal(["gateforge: --buses: the design has no bus 'nosuch' (it has x, in_last, in_valid, scores, class_id, out_valid)"], buses.ErrorLines);
        Assert.False(File.Exists(_dir.File("x.vcd")));
    }

    private static string Line(string stdout, string part) =>
        stdout.Split('\n').Select(l => l.Trim()).First(l => l.Contains(part, StringComparison.Ordinal));

    public void Dispose() => _dir.Dispose();
}
