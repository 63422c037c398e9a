using GateForge.Ir;
using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

public sealed class EquivalenceHarnessTests
{
    [Fact]
    public void Unmodified_design_passes_every_check()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path);
        using var scratch = new TempDir();
        var report = EquivalenceHarness.Verify(dir.Path,
            HarnessFixture.Options(c: true, icarus: true, verilator: true, formal: true) with { ScratchRoot = scratch.Path });
        var text = string.Join("\n", report.Checks);
        Assert.True(report.Passed, text);
        Assert.Equal(0, report.Count(CheckStatus.Skipped));
        Assert.Equal(40, report.GivenVectors); // vectors_in.hex of the folder
        Assert.Equal(300, report.RandomVectors);
        Assert.True(report.Elapsed > TimeSpan.Zero, "the run's wall-clock time goes into report.json's timings.verify");
        string[] expected =
        [
            "netlist.json vs netlist.orig.json (simulation)",
            "vectors_out.hex vs netlist.orig.json (shipped vectors)",
            "tiny.c vs netlist.orig.json (C compiler)",
            "tiny.v vs netlist.orig.json (Icarus Verilog)",
            "tiny.v vs netlist.orig.json (Verilator)",
            "tiny_pipe.v vs netlist.orig.json (Icarus Verilog)",
            "tiny_pipe.v vs netlist.orig.json (Verilator)",
            "netlist.orig.json vs netlist.json (ABC cec)",
            "tiny.aig vs tiny.v through Yosys (ABC cec)",
            "tiny_pipe.v vs netlist.json pipelined through Yosys (ABC dsec)",
            $"netlist.json pipelined vs netlist.json delayed by LATENCY={Emitters.DesignManifest.Load(dir.Path).Latency} (ABC dsec)",
        ];
        Assert.Equal(expected, report.Checks.Select(c => c.Name));
        var json = report.ToJson();
        Assert.True((bool)json["passed"]!);
        Assert.Equal(11, json["checks"]!.AsArray().Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(scratch.Path)); // scratch work removed
    }
}
