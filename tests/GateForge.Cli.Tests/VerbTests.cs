using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>The verbs that need no training, on a hand-made netlist with a GroupSum head.</summary>
public sealed class VerbTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-verbs");
    private readonly string _netlist;

    public VerbTests()
    {
        _netlist = _dir.File("net.json");
        NetlistJson.Save(RandomNetlists.Layered(12, [24, 24, 12], seed: 5, headClasses: 3), _netlist);
    }

    [Fact]
    public void Passes_lists_every_pass_and_help_explains_one()
    {
        var list = CliRunner.Expect(0, _dir.Path, "passes");
        foreach (var pass in GateForge.Ir.Passes.PassRegistry.All)
            Assert.Contains(pass.Name, list.Stdout, StringComparison.Ordinal);
        var help = CliRunner.Expect(0, _dir.Path, "help", "balance");
        Assert.Contains(GateForge.Ir.Passes.PassRegistry.Find("balance")!.Help.Trim().Split('\n')[0], help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_without_a_pass_points_to_the_commands_and_lists_the_passes()
    {
        var help = CliRunner.Expect(0, _dir.Path, "help");
        Assert.Contains("gateforge --help", help.Stdout, StringComparison.Ordinal);
        Assert.Contains("balance", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Opt_emit_sim_chain_works_on_the_previous_steps_files()
    {
        CliRunner.Expect(0, _dir.Path, "opt", _netlist, "-o", _dir.File("opt.json"), "-O2");
        var sidecar = Flow.Reports.ReportJson.Load(_dir.File("opt.report.json"));
        Assert.NotEmpty(sidecar.Passes);
        Assert.Equal(_netlist, sidecar.Source!.OriginalNetlist);

        CliRunner.Expect(0, _dir.Path, "emit", _dir.File("opt.json"), "-o", _dir.File("hw/toy-net"), "--pipeline-every", "2");
        var folder = _dir.File("hw/toy-net");
        foreach (var f in new[] { "toy_net.v", "toy_net_pipe.v", "toy_net_tb.v", "toy_net.aig", "toy_net.c", "netlist.json", "netlist.orig.json", "report.json", "report.html" })
            Assert.True(File.Exists(Path.Combine(folder, f)), $"missing {f}");
        Assert.Empty(Directory.GetDirectories(_dir.File("hw"), ".*"));
        var report = Flow.Reports.ReportJson.Load(Path.Combine(folder, "report.json"));
        Assert.Equal("toy-net", report.Design);
        Assert.True(report.Netlist!.Latency > 0);

        var sim = CliRunner.Expect(0, _dir.Path, "sim", folder, "--vcd", _dir.File("w.vcd"), "--pipeline-every", "2");
        Assert.Contains("match", sim.Stdout, StringComparison.Ordinal);
        Assert.Contains("$enddefinitions", File.ReadAllText(_dir.File("w.vcd")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sim_exits_1_when_outputs_differ_from_the_expected_file()
    {
        CliRunner.Expect(0, _dir.Path, "emit", _netlist, "-o", _dir.File("hw/d"), "--vectors", "8");
        var expected = _dir.File("hw/d/vectors_out.hex");
        var lines = File.ReadAllLines(expected);
        lines[3] = lines[3][..^1] + (lines[3][^1] == '0' ? '1' : '0');
        File.WriteAllLines(expected, lines);
        var r = CliRunner.Run(_dir.Path, "sim", _dir.File("hw/d"));
        Assert.Equal(ExitCodes.VerificationFailed, r.ExitCode);
        Assert.Contains("vector 3", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_emit_leaves_no_folder_behind()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var r = CliRunner.Run(_dir.Path, cancel.Token, "emit", _netlist, "-o", _dir.File("out/cancelled"));
        Assert.Equal(ExitCodes.Cancelled, r.ExitCode);
        Assert.False(Directory.Exists(_dir.File("out/cancelled")));
        Assert.True(!Directory.Exists(_dir.File("out")) || Directory.GetFileSystemEntries(_dir.File("out")).Length == 0,
            "a temporary folder was left behind");
    }

    [Fact]
    public void Emit_over_an_existing_design_replaces_it_whole()
    {
        CliRunner.Expect(0, _dir.Path, "emit", _netlist, "-o", _dir.File("hw/d"), "--pipeline-every", "2");
        Assert.True(File.Exists(_dir.File("hw/d/d_pipe.v")));
        CliRunner.Expect(0, _dir.Path, "emit", _netlist, "-o", _dir.File("hw/d"));
        Assert.False(File.Exists(_dir.File("hw/d/d_pipe.v")), "a stale file from the earlier emit survived");
        Assert.Single(Directory.GetDirectories(_dir.File("hw")));
    }

    public void Dispose() => _dir.Dispose();
}
