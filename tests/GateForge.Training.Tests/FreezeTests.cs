using GateForge.Ir;
using GateForge.Sim;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class FreezeTests
{
    public static TheoryData<string, bool, int> Variants()
    {
        var data = new TheoryData<string, bool, int>();
        foreach (var p in new[] { ModelConfig.Softmax16, ModelConfig.Iwp })
            foreach (var gumbel in new[] { false, true })
                foreach (var layers in new[] { 1, 6 })
                    data.Add(p, gumbel, layers);
        return data;
    }

    [Fact]
    public void Class_id_only_netlist_equals_the_model_on_class_id_and_records_its_parts()
    {
        var split = Monk.Generate(1);
        var config = new ModelConfig
        {
            Architecture = [LayerSpec.Dense(64), LayerSpec.Dense(24)],
            Classes = 2, Init = ModelConfig.InitRandom, Wiring = Wiring.Random, Tau = 4f,
            Steps = 30, EvalEvery = 30, BatchSize = 32, Threads = 1,
        };
        var model = DlgnTrainer.Train(config, split, new TrainOptions()).Last;
        var bits = model.Encode(split.Test);
        var netlist = Freezer.Freeze(model, bits, split.Test.Count, HeadOptions.Default with { Outputs = HeadOutputs.ClassId });
        netlist.Verify();
        Assert.Equal(["class_id"], netlist.OutputBuses.Select(b => b.Name));
        Assert.Equal(["layer1", "layer2", DesignParts.Popcount, DesignParts.Argmax], DesignParts.Read(netlist).Select(p => p.Name));
        var simulated = CombEvaluator.Evaluate(netlist, DiscreteNetwork.Pack(bits, split.Test.Count, model.InputBits));
        var (_, classId) = model.PredictDiscrete(bits, split.Test.Count);
        for (var s = 0; s < split.Test.Count; s++)
            Assert.Equal((ulong)classId[s], CombEvaluator.ReadOutputBus(netlist, simulated, "class_id", s));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Frozen_netlist_equals_discrete_evaluation_on_every_test_sample(string parametrization, bool gumbel, int layers)
    {
        var split = Monk.Generate(2);
        var config = new ModelConfig
        {
            Layers = layers, Neurons = 48, Classes = 2, Parametrization = parametrization,
            Gumbel = gumbel, Init = ModelConfig.InitRandom, Wiring = Wiring.Random, Tau = 4f,
            Steps = 30, EvalEvery = 30, BatchSize = 32, GradFactor = layers > 2 ? 2f : 1f,
            Threads = 1,
        };
        var model = DlgnTrainer.Train(config, split, new TrainOptions()).Last;
        var bits = model.Encode(split.Test);
        var netlist = Freezer.Freeze(model, bits, split.Test.Count);
        netlist.Verify();

        // Independently of the freezer's own check: GateForge.Sim on the netlist vs the model.
        var inputs = DiscreteNetwork.Pack(bits, split.Test.Count, model.InputBits);
        var simulated = CombEvaluator.Evaluate(netlist, inputs);
        var (scores, classId) = model.PredictDiscrete(bits, split.Test.Count);
        for (var s = 0; s < split.Test.Count; s++)
        {
            for (var c = 0; c < 2; c++)
                Assert.Equal((ulong)scores[s * 2 + c], CombEvaluator.ReadOutputBus(netlist, simulated, "scores", s) >> (c * model.Network.ScoreBits) & ((1UL << model.Network.ScoreBits) - 1));
            Assert.Equal((ulong)classId[s], CombEvaluator.ReadOutputBus(netlist, simulated, "class_id", s));
        }
        Assert.True(model.PredictPacked(inputs).RowsEqual(simulated));
        // The gates really vary (not all pass-through), so the check covers more than wires.
        Assert.True(model.Network.Layers.SelectMany(l => l.GateIds).Distinct().Count() > 3);
    }

    [Fact]
    public void Netlist_has_the_head_and_input_bus_contract()
    {
        var model = TinyModel();
        var netlist = Freezer.Freeze(model);
        Assert.Equal("x", Assert.Single(netlist.InputBuses).Name);
        Assert.Equal(model.InputBits, netlist.InputBus("x").Width);
        Assert.Equal(["scores", "class_id"], netlist.OutputBuses.Select(b => b.Name));
        Assert.Equal(model.Network.Classes * model.Network.ScoreBits, netlist.OutputBus("scores").Width);
        Assert.Equal("2", netlist.Attribute("head.classes"));
        Assert.NotNull(netlist.Attribute("encoder.json"));
    }

    [Fact]
    public void Iwp_truth_table_becomes_the_gate_with_that_table()
    {
        // ω = (ω00, ω01, ω10, ω11); σ(ω) ≥ 0.5 ⇔ ω ≥ 0.
        Assert.Equal(6, LogicLayerIds(-2f, 1f, 3f, -0.5f));  // XOR: f = 0,1,1,0
        Assert.Equal(1, LogicLayerIds(-1f, -1f, -1f, 2f));   // AND
        Assert.Equal(14, LogicLayerIds(0f, 0f, 0f, -0.1f));  // NAND, σ(0) = 0.5 counts as 1
        static int LogicLayerIds(params float[] w)
        {
            var model = new TrainedModel(
                new ModelConfig { Layers = 1, Neurons = 2, Classes = 2, Parametrization = ModelConfig.Iwp },
                null, 2, [new LayerWeights(2, [0, 0], [1, 1], 4, [.. w, .. w])], 0);
            return model.Network.Layers[0].GateIds[0];
        }
    }

    [Fact]
    public void Softmax_ties_go_to_the_lowest_gate_id()
    {
        var logits = new float[32];
        logits[5] = 2f;
        logits[9] = 2f;
        logits[16 + 15] = 1f;
        var model = new TrainedModel(new ModelConfig { Layers = 1, Neurons = 2, Classes = 2 }, null, 2,
            [new LayerWeights(2, [0, 1], [1, 0], 16, logits)], 0);
        Assert.Equal([5, 15], model.Network.Layers[0].GateIds);
    }

    [Fact]
    public void Discrete_scores_tie_to_the_lowest_class()
    {
        // Two classes, one neuron each: TRUE and TRUE → scores 1, 1 → class 0; FALSE, TRUE → class 1.
        var logits = new float[32];
        logits[15] = 1f;
        logits[16 + 15] = 1f;
        var tie = new TrainedModel(new ModelConfig { Layers = 1, Neurons = 2, Classes = 2 }, null, 1,
            [new LayerWeights(1, [0, 0], [0, 0], 16, logits)], 0);
        var (scores, classId) = tie.PredictDiscrete([0, 1], 2);
        Assert.Equal([1, 1, 1, 1], scores);
        Assert.Equal([0, 0], classId);
        var netlist = Freezer.Freeze(tie);
        var outputs = CombEvaluator.Evaluate(netlist, PackedBits.Exhaustive(1));
        Assert.Equal(0UL, CombEvaluator.ReadOutputBus(netlist, outputs, "class_id", 1));
    }

    internal static TrainedModel TinyModel()
    {
        var config = new ModelConfig { Layers = 2, Neurons = 16, Classes = 2, Steps = 5, EvalEvery = 5, BatchSize = 16, Threads = 1, Init = ModelConfig.InitRandom };
        return DlgnTrainer.Train(config, Monk.Generate(1), new TrainOptions()).Last;
    }
}
