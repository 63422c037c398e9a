using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Sequences;
using GateForge.Ir.Tools;
using GateForge.Sim;

namespace GateForge.Training.Tests;

/// <summary>The sequential checks of Sim (one implementation for recurrent and pipelined designs) on frozen recurrent netlists.</summary>
public sealed class RecurrentHardwareTests
{
    private static Netlist Frozen(out Models.TrainedRecurrentModel model)
    {
        model = RecurrentTests.UntrainedModel();
        return RecurrentFreezer.Build(model);
    }

    [Fact]
    public void Cycle_simulation_matches_the_model_and_catches_an_inverted_state_latch()
    {
        var netlist = Frozen(out var model);
        var sequences = BitSequences.Random(2, 700, 1, 64, seed: 11);
        var good = SequenceChecks.Simulate(netlist, sequences, model.Network.AsEvaluator(), "sim", "netlist.json");
        Assert.Equal(CheckStatus.Pass, good.Status);
        var bad = SequenceChecks.Simulate(PlantedFaults.InvertLatchNext(netlist, 1), sequences, model.Network.AsEvaluator(), "sim", "netlist.json");
        Assert.Equal(CheckStatus.Fail, bad.Status);
        Assert.Contains("differs", bad.Detail);
    }

    [Fact]
    public void Dsec_proves_the_optimised_netlist_and_fails_on_a_state_path_fault()
    {
        using var dir = new TempDir();
        var netlist = Frozen(out _);
        var optimised = new PassManager().Run(netlist, "-O2").Final;
        Assert.NotEqual(netlist.NodeCount, optimised.NodeCount); // the passes changed something to prove
        var proof = SequenceChecks.Dsec(netlist, optimised, dir.Path, "dsec", "netlist.json");
        Assert.True(proof.Status == CheckStatus.Pass, proof.Detail);
        var fault = SequenceChecks.Dsec(netlist, PlantedFaults.InvertLatchNext(optimised, 0), dir.Path, "dsec", "netlist.json");
        Assert.Equal(CheckStatus.Fail, fault.Status);
        Assert.Equal("netlist.json", fault.Artifact);
    }

    [Fact]
    public void Dsec_proves_a_pipelined_top_against_the_delayed_combinational_netlist_and_catches_a_latch_fault()
    {
        using var dir = new TempDir();
        var combinational = RandomNetlists.Layered(12, [24, 16, 8], seed: 4, headClasses: 2);
        var pipelined = new PassManager().Run(combinational, "pipeline(every=2)").Final;
        var latency = int.Parse(pipelined.Attribute(PipelinePass.LatencyAttribute)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(latency >= 2);
        var reference = SequenceChecks.DelayedByLatency(combinational, latency);
        var proof = SequenceChecks.Dsec(reference, pipelined, dir.Path, "dsec", "netlist_pipe.json", resultsOnly: true);
        Assert.True(proof.Status == CheckStatus.Pass, proof.Detail);
        var wrongLatency = SequenceChecks.Dsec(SequenceChecks.DelayedByLatency(combinational, latency + 1), pipelined, dir.Path, "dsec", "netlist_pipe.json", resultsOnly: true);
        Assert.Equal(CheckStatus.Fail, wrongLatency.Status);
        // latch 0 is a data register of the first stage: inverting its next state corrupts results
        var fault = SequenceChecks.Dsec(reference, PlantedFaults.InvertLatchNext(pipelined, 0), dir.Path, "dsec", "netlist_pipe.json", resultsOnly: true);
        Assert.Equal(CheckStatus.Fail, fault.Status);
    }
}

/// <summary>The emitted sequential design folder, checked by every tool: Icarus, Verilator, gcc, Yosys + ABC dsec.</summary>
public sealed class RecurrentEmitTests
{
    [Fact]
    public void Emitted_design_passes_in_Icarus_Verilator_C_and_dsec_and_a_wrong_vector_fails()
    {
        using var dir = new TempDir();
        var model = RecurrentTests.UntrainedModel();
        var netlist = RecurrentFreezer.Build(model);
        var sequences = BitSequences.Random(2, 40, 1, 20, seed: 9);
        var design = Path.Combine(dir.Path, "rnn");
        Emitters.Sequential.SequentialDesignEmitter.Emit(netlist, null, "rnn", sequences, model.Network.PredictPacked(sequences), design);

        var icarus = SequenceChecks.TestBench(design, "rnn", verilator: false, Path.Combine(dir.Path, "icarus"));
        Assert.True(icarus.Status == CheckStatus.Pass, icarus.Detail);
        Assert.Equal("PASS 40/40", icarus.Detail);
        var verilator = SequenceChecks.TestBench(design, "rnn", verilator: true, Path.Combine(dir.Path, "verilator"));
        Assert.True(verilator.Status == CheckStatus.Pass, verilator.Detail);
        var c = SequenceChecks.CModel(design, "rnn", 2, Path.Combine(dir.Path, "c"));
        Assert.True(c.Status == CheckStatus.Pass, c.Detail);
        var dsec = SequenceChecks.NetlistVsVerilog(Ir.Aiger.Load(Path.Combine(design, "rnn.aig")), Path.Combine(design, "rnn.v"), "rnn",
            Path.Combine(dir.Path, "dsec"), "aig vs v");
        Assert.True(dsec.Status == CheckStatus.Pass, dsec.Detail);

        // the Verilog with an inverted state latch: dsec against the good AIGER and the test bench both fail
        var bad = Path.Combine(dir.Path, "bad");
        Emitters.Sequential.SequentialDesignEmitter.Emit(PlantedFaults.InvertLatchNext(netlist, 0), null, "rnn", sequences,
            model.Network.PredictPacked(sequences), bad);
        Assert.Equal(CheckStatus.Fail, SequenceChecks.TestBench(bad, "rnn", verilator: false, Path.Combine(dir.Path, "icarus-bad")).Status);
        Assert.Equal(CheckStatus.Fail, SequenceChecks.TestBench(bad, "rnn", verilator: true, Path.Combine(dir.Path, "verilator-bad")).Status);
        Assert.Equal(CheckStatus.Fail, SequenceChecks.CModel(bad, "rnn", 2, Path.Combine(dir.Path, "c-bad")).Status);
        Assert.Equal(CheckStatus.Fail, SequenceChecks.NetlistVsVerilog(Ir.Aiger.Load(Path.Combine(design, "rnn.aig")), Path.Combine(bad, "rnn.v"), "rnn",
            Path.Combine(dir.Path, "dsec-bad"), "aig vs v").Status);
    }
}

/// <summary>A design whose readout leaves some latches unread (a state shift over 6 bits, 2 readout neurons).</summary>
public sealed class UnreadLatchTests
{
    [Fact]
    public void A_latch_no_output_reads_is_still_updated_in_the_C_model()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        var config = new Models.ModelConfig
        {
            Recurrent = new Models.RecurrentConfig { Hidden = 6, StepLayers = [10], Readout = [2], StateShift = 2 },
            Classes = 2, Parametrization = Models.ModelConfig.Iwp, Threads = 1, Seed = 3,
        };
        using var created = Models.RecurrentModel.Create(config, 2, TorchSharp.torch.CPU);
        var model = new Models.TrainedRecurrentModel(config, null, 2, created.Weights(), 0);
        var netlist = RecurrentFreezer.Build(model);
        var live = Emitters.LiveNodes.Mark(netlist);
        Assert.Contains(netlist.Latches.ToArray(), latch => !live[latch]); // 2 neurons read at most 4 of the 6 state latches

        using var dir = new TempDir();
        var sequences = BitSequences.Random(2, 30, 1, 12, seed: 2);
        var design = Path.Combine(dir.Path, "shift");
        Emitters.Sequential.SequentialDesignEmitter.Emit(netlist, null, "shift", sequences, model.Network.PredictPacked(sequences), design);
        var c = SequenceChecks.CModel(design, "shift", 2, Path.Combine(dir.Path, "c"));
        Assert.True(c.Status == CheckStatus.Pass, c.Detail);
    }
}

public sealed class RecurrentPassAndVcdTests
{
    [Fact]
    public void Pipeline_refuses_a_netlist_with_a_state_loop_in_one_line()
    {
        var netlist = RecurrentFreezer.Build(RecurrentTests.UntrainedModel());
        var e = Assert.Throws<NetlistException>(() => new PassManager().Run(netlist, "pipeline(every=2)"));
        Assert.Contains("already has 4 latches", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Vcd_shows_sequences_clock_by_clock_with_out_valid_after_each_last_step()
    {
        using var dir = new TempDir();
        var netlist = RecurrentFreezer.Build(RecurrentTests.UntrainedModel());
        var sequences = new BitSequences(2, [1, 0, 0, 1, 1, 1, 0, 1, 1, 0], [3, 2]);
        var cycles = Sim.Vcd.SequenceVcd.Write(netlist, sequences, dir.File("s.vcd"), 64);
        Assert.InRange(cycles, 6, 10); // 5 steps, up to 2 idle cycles before each sequence, 1 for the last result
        var vcd = File.ReadAllText(dir.File("s.vcd"));
        foreach (var bus in new[] { "in_last", "in_valid", "out_valid", "scores", "class_id" })
            Assert.Contains(bus, vcd);
    }
}
