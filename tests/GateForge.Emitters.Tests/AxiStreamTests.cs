using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>The AXI4-Stream wrapper under random back-pressure: every result exactly once, in order.</summary>
public sealed class AxiStreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Random_back_pressure_loses_and_repeats_nothing(int every)
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, AxiOptions(nl, every, 300), dir.File("toy"));
        Assert.Contains("toy_axis_tb.v", r.Files);
        var output = Tools.Icarus(r.OutputDir, "toy_axis_tb", "toy_pipe.v", "toy_axis.v", "toy_axis_tb.v");
        Assert.Contains("PASS 300/300", output);
    }

    /// <summary>The wrapper's own bench catches a wrapper that ignores back-pressure (it accepts inputs with no room for their results).</summary>
    [Fact]
    public void The_emitted_bench_catches_a_wrapper_that_drops_results_under_back_pressure()
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, AxiOptions(nl, 1, 300), dir.File("toy"));
        PlantFault(r.OutputDir, "assign s_axis_tready = ~in_flight[AW];", "assign s_axis_tready = 1'b1;");
        var output = Tools.Icarus(r.OutputDir, "toy_axis_tb", "toy_pipe.v", "toy_axis.v", "toy_axis_tb.v");
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("PASS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Make_sim_axis_passes_and_fails_on_a_planted_fault()
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, AxiOptions(nl, 2, 50) with { Artifacts = EmitArtifacts.Verilog | EmitArtifacts.TestBench | EmitArtifacts.Scripts }, dir.File("toy"));
        var good = ExternalTool.Run("make", ["-s", "sim-axis"], r.OutputDir, TimeSpan.FromMinutes(3));
        Assert.True(good.Ok, good.Output);
        Assert.Contains("PASS 50/50", good.Stdout, StringComparison.Ordinal);

        PlantFault(r.OutputDir, "fifo[wr_ptr[AW-1:0]] <= pipe_data;", "fifo[wr_ptr[AW-1:0]] <= ~pipe_data;");
        var bad = ExternalTool.Run("make", ["-s", "sim-axis"], r.OutputDir, TimeSpan.FromMinutes(3));
        Assert.Contains("FAIL vector 0", bad.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
    }

    private static EmitOptions AxiOptions(Ir.Netlist nl, int every, int vectors) => TestDesigns.Options("toy", nl, vectors) with
    {
        Pipelined = TestDesigns.Pipelined(nl, every),
        Axi = true,
        Artifacts = EmitArtifacts.Verilog | EmitArtifacts.TestBench,
    };

    private static void PlantFault(string folder, string line, string faulty)
    {
        var path = Path.Combine(folder, "toy_axis.v");
        var text = File.ReadAllText(path);
        Assert.Contains(line, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(line, faulty, StringComparison.Ordinal));
    }

    [Fact]
    public void Wrapper_is_lint_clean_in_verilator()
    {
        var nl = TestDesigns.Toy();
        using var dir = new TempDir();
        var options = new EmitOptions { DesignName = "toy", Pipelined = TestDesigns.Pipelined(nl, 2), Axi = true, Artifacts = EmitArtifacts.Verilog };
        var r = DesignEmitter.Emit(nl, options, dir.File("toy"));
        Tools.Run(r.OutputDir, "verilator", "--lint-only", "-Wall", "-Wno-DECLFILENAME", "-Wno-UNUSEDSIGNAL", "-Wno-UNUSEDPARAM", "--top-module", "toy_axis", "toy_pipe.v", "toy_axis.v");
    }
}
