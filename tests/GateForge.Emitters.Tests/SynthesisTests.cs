using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>Yosys runs the emitted yosys.ys; the statistics are parsed by <see cref="YosysStats"/>.</summary>
public sealed class SynthesisTests
{
    [Fact]
    public void Make_synth_maps_to_luts_and_flip_flops_and_the_stats_parse()
    {
        var nl = TestDesigns.Toy();
        var pipelined = TestDesigns.Pipelined(nl, every: 3);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "toy", Pipelined = pipelined, Artifacts = EmitArtifacts.Verilog | EmitArtifacts.Scripts }, dir.File("toy"));
        Tools.Run(r.OutputDir, "make", "-s", "synth");
        var comb = YosysStats.Load(Path.Combine(r.OutputDir, "stat_lut6.json"));
        Assert.InRange(comb.Luts, 5, nl.NodeCount);
        Assert.Equal(0, comb.FlipFlops);
        Assert.Equal(comb.Luts, comb.CellsByType["$lut"]);
        var pipe = YosysStats.Load(Path.Combine(r.OutputDir, "stat_pipe_lut6.json"));
        var live = LiveNodes.Mark(pipelined);
        var liveLatches = pipelined.Latches.ToArray().Count(l => live[l]);
        Assert.Equal(liveLatches, pipe.FlipFlops);
        Assert.True(pipe.Luts > 0);
    }

    [Fact]
    public void Synth_xilinx_flow_runs_and_counts_luts()
    {
        var nl = TestDesigns.Adder();
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "adder", Artifacts = EmitArtifacts.Verilog | EmitArtifacts.Scripts }, dir.File("adder"));
        Tools.Run(r.OutputDir, "make", "-s", "synth-xilinx");
        var stats = YosysStats.Load(Path.Combine(r.OutputDir, "stat_xilinx.json"));
        Assert.True(stats.Luts > 0, "no LUTs");
        Assert.DoesNotContain(stats.CellsByType.Keys, k => k is "IBUF" or "OBUF");
    }

    [Fact]
    public void Parse_reads_design_totals()
    {
        const string json = """
            { "creator": "Yosys 0.23", "modules": { "\\t": { "num_cells": 1 } },
              "design": { "num_wires": 12, "num_cells": 9,
                "num_cells_by_type": { "LUT2": 3, "LUT6": 2, "FDRE": 3, "CARRY4": 1 } } }
            """;
        var s = YosysStats.Parse(json);
        Assert.Equal(9, s.Cells);
        Assert.Equal(5, s.Luts);
        Assert.Equal(3, s.FlipFlops);
        Assert.Equal(12, s.Wires);
        Assert.Equal(1, s.CellsByType["CARRY4"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{ "modules": {} }""")]
    [InlineData("""{ "design": { "num_cells_by_type": { "$lut": "many" } } }""")]
    public void Parse_refuses_what_is_not_yosys_stat_json(string json)
    {
        var e = Assert.Throws<FormatException>(() => YosysStats.Parse(json));
        Assert.DoesNotContain('\n', e.Message);
    }
}
