using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// Issue 13 from the command line: a stream-parity model trained, frozen into a sequential
/// netlist, optimised, emitted and verified; every sequential check runs (none skipped) and passes.
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
        foreach (var file in new[] { "parity.v", "parity_tb.v", "parity.aig", "parity.c", "parity.h", "seq_in.hex", "seq_out.hex", "netlist.json", "netlist.orig.json" })
            Assert.True(File.Exists(_dir.File("hw-out/parity/" + file)), file);
        var verify = CliRunner.Expect(0, d, "verify", "{dir}/hw-out/parity");
        foreach (var check in new[] { "(cycle simulation, random sequences)", "netlist.orig.json vs netlist.json (ABC dsec)", "through Yosys (ABC dsec)",
                     "parity_predict on whole sequences", "in Icarus", "in Verilator" })
            Assert.StartsWith("PASS ", Line(verify.Stdout, check), StringComparison.Ordinal);
        Assert.Contains("all 6 checks passed (0 skipped)", verify.Stdout, StringComparison.Ordinal);
    }

    private static string Line(string stdout, string part) =>
        stdout.Split('\n').Select(l => l.Trim()).First(l => l.Contains(part, StringComparison.Ordinal));

    public void Dispose() => _dir.Dispose();
}
