using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Sequences;
using GateForge.Sim;
using GateForge.TestKit;
using GateForge.Training.Freeze;

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
        var proof = SequenceChecks.Dsec(reference, pipelined, dir.Path, "dsec", "netlist_pipe.json");
        Assert.True(proof.Status == CheckStatus.Pass, proof.Detail);
        var wrongLatency = SequenceChecks.Dsec(SequenceChecks.DelayedByLatency(combinational, latency + 1), pipelined, dir.Path, "dsec", "netlist_pipe.json");
        Assert.Equal(CheckStatus.Fail, wrongLatency.Status);
        // latch 0 is a data register of the first stage: inverting its next state corrupts results
        var fault = SequenceChecks.Dsec(reference, PlantedFaults.InvertLatchNext(pipelined, 0), dir.Path, "dsec", "netlist_pipe.json");
        Assert.Equal(CheckStatus.Fail, fault.Status);
    }
}
