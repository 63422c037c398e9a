using System.Text.Json.Nodes;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// Issue 15: `verify` run as a child process with tools missing from its PATH reports each check
/// that needs one as skipped (never as passed, never as failed), in the check lines, the summary,
/// report.json and the exit code.
/// </summary>
public sealed class MissingToolTests : IDisposable
{
    private readonly TempDir _dir = new("gf-missing-tool");

    public void Dispose() => _dir.Dispose();

    /// <summary>A PATH of one folder holding links to <paramref name="tools"/> only (dotnet always).</summary>
    private string PathWith(params string[] tools)
    {
        var bin = Directory.CreateDirectory(_dir.File("bin-" + string.Join('-', tools))).FullName;
        foreach (var tool in tools.Append("dotnet"))
        {
            var real = Ir.Tools.ExternalTool.Find(tool);
            Assert.True(real is not null, $"{tool} is not installed here");
            File.CreateSymbolicLink(Path.Combine(bin, tool), real!);
        }
        return bin;
    }

    private SignalledResult VerifyWith(string path, string design) =>
        SignalledRun.Run(_dir.Path, _ => false, signals: 0, ["verify", design], environment: new Dictionary<string, string> { ["PATH"] = path });

    private string Emit()
    {
        var net = _dir.File("net.json");
        NetlistJson.Save(RandomNetlists.Layered(12, [24, 24, 12], seed: 5, headClasses: 3), net);
        CliRunner.ExpectProcess(0, _dir.Path, "emit", net, "--original", net, "-o", "hw/d", "-q");
        return _dir.File("hw/d");
    }

    private static string Line(SignalledResult r, string check)
    {
        var lines = r.Stdout.Split('\n').Where(l => l.Contains(check, StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"one line for '{check}' expected\n{r}");
        return lines[0].Trim();
    }

    [Fact]
    public void With_no_tool_on_PATH_every_tool_check_is_skipped_and_only_simulation_passes()
    {
        var design = Emit();
        var r = VerifyWith(PathWith(), design);

        Assert.True(r.ExitCode == 0, r.ToString()); // a skip does not fail the design
        Assert.StartsWith("SKIPPED d.c vs netlist.orig.json (C compiler): d.c: skipped: cc not installed", Line(r, "(C compiler)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED d.v vs netlist.orig.json (Icarus Verilog): skipped: iverilog not installed", Line(r, "(Icarus Verilog)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED d.v vs netlist.orig.json (Verilator): skipped: verilator not installed", Line(r, "(Verilator)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED netlist.orig.json vs netlist.json (ABC cec): skipped: berkeley-abc not installed", Line(r, "netlist.orig.json vs netlist.json (ABC cec)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED d.aig vs d.v through Yosys (ABC cec)", Line(r, "through Yosys"), StringComparison.Ordinal);
        Assert.StartsWith("PASS    netlist.json vs netlist.orig.json (simulation)", Line(r, "(simulation)"), StringComparison.Ordinal);
        Assert.Contains(": 2 pass, 0 fail, 5 skipped", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("all 2 checks passed (5 skipped)", r.Stdout, StringComparison.Ordinal);

        var statuses = JsonNode.Parse(File.ReadAllText(Path.Combine(design, Names.Files.Report)))!["equivalence"]!.AsArray()
            .Select(c => (string)c!["status"]!).ToArray();
        Assert.Equal(["pass", "pass", "skipped", "skipped", "skipped", "skipped", "skipped"], statuses.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_tool_the_main_tool_needs_missing_is_a_skip_too()
    {
        // iverilog without vvp; verilator without the make and g++ its build runs (this failed the
        // check: "verilator build: verilator exited with 127: sh: 1: make: not found"); ABC without Yosys
        var design = Emit();
        var r = VerifyWith(PathWith("iverilog", "verilator", "berkeley-abc"), design);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith("SKIPPED d.v vs netlist.orig.json (Icarus Verilog): skipped: vvp not installed", Line(r, "(Icarus Verilog)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED d.v vs netlist.orig.json (Verilator): skipped: make (Verilator builds with it) not installed", Line(r, "(Verilator)"), StringComparison.Ordinal);
        Assert.StartsWith("SKIPPED d.aig vs d.v through Yosys (ABC cec): d.v: skipped: yosys not installed", Line(r, "through Yosys"), StringComparison.Ordinal);
        Assert.StartsWith("PASS    netlist.orig.json vs netlist.json (ABC cec)", Line(r, "netlist.orig.json vs netlist.json (ABC cec)"), StringComparison.Ordinal);
        Assert.Contains(": 3 pass, 0 fail, 4 skipped", r.Stdout, StringComparison.Ordinal);
    }
}
