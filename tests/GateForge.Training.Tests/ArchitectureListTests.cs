using GateForge.Sim;

namespace GateForge.Training.Tests;

/// <summary>The <c>architecture</c> list of a model config (SPEC §7): dense layers of different widths.</summary>
[Collection(TorchCollection.Name)]
public sealed class ArchitectureListTests
{
    // wide, then a narrow last layer (a cheap head): 60 → 24 → 8
    private static readonly ModelConfig Narrowing = SmallConfigs.TwoLayerGumbel with
    {
        Architecture = [LayerSpec.Dense(60), LayerSpec.Dense(24, Wiring.Random), LayerSpec.Dense(8)],
    };

    [Fact]
    public void Dense_layers_of_different_widths_train_freeze_save_and_resume()
    {
        using var dir = new TempDir();
        var split = Monk.Generate(3);
        var straight = DlgnTrainer.Train(Narrowing, split, new TrainOptions());
        Assert.Equal([60, 24, 8], straight.Last.Network.Layers.Select(l => l.Outputs));
        Assert.Equal(60, straight.Last.Network.Layers[1].Inputs);
        Assert.Equal(4, straight.Last.Network.GroupSize);

        var path = dir.File("ckpt");
        DlgnTrainer.Train(Narrowing, split, new TrainOptions { CheckpointDir = path, StopAfterStep = 20 });
        var resumed = DlgnTrainer.Train(Narrowing, split, new TrainOptions { CheckpointDir = path, Resume = true });
        for (var l = 0; l < 3; l++)
            Assert.Equal(straight.Last.Weights[l].Logits, resumed.Last.Weights[l].Logits);

        var loaded = TrainedModel.Load(path, best: false);
        Assert.Equal(Narrowing.ToJson(), loaded.Config.ToJson());
        var bits = loaded.Encode(split.Test);
        var netlist = Freezer.Freeze(loaded, bits, split.Test.Count); // throws when the netlist differs from the model
        Assert.Equal("dense 60 unique, dense 24 random, dense 8 unique", netlist.Attributes["model.architecture"]);
        var inputs = DiscreteNetwork.Pack(bits, split.Test.Count, loaded.InputBits);
        Assert.True(loaded.PredictPacked(inputs).RowsEqual(CombEvaluator.Evaluate(netlist, inputs)));
    }

    [Fact]
    public void Resume_compares_the_layer_list()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        DlgnTrainer.Train(Narrowing with { Steps = 5, EvalEvery = 5 }, Monk.Generate(3), new TrainOptions { CheckpointDir = path });
        var other = Narrowing with { Architecture = [LayerSpec.Dense(60), LayerSpec.Dense(24), LayerSpec.Dense(8)] };
        var e = Assert.Throws<TrainingException>(() =>
            DlgnTrainer.Train(other, Monk.Generate(3), new TrainOptions { CheckpointDir = path, Resume = true }));
        Assert.Contains("layer 2: dense 24 unique vs dense 24 random", e.Message, StringComparison.Ordinal);
        var shorthand = Narrowing with { Architecture = null, Layers = 3, Neurons = 8 };
        e = Assert.Throws<TrainingException>(() =>
            DlgnTrainer.Train(shorthand, Monk.Generate(3), new TrainOptions { CheckpointDir = path, Resume = true }));
        Assert.Contains("layer 1: dense 8 unique vs dense 60 unique", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shorthand_is_a_stack_of_equal_dense_layers_and_writes_no_list()
    {
        var c = new ModelConfig { Layers = 3, Neurons = 20, Classes = 2, Wiring = Wiring.Random };
        Assert.Equal("dense 20 random, dense 20 random, dense 20 random", c.DescribeLayers());
        Assert.DoesNotContain("architecture", c.ToJson(), StringComparison.Ordinal);
        var listed = ModelConfig.FromJson("""{ "classes": 2, "architecture": [ { "kind": "dense", "neurons": 30 }, { "kind": "dense", "neurons": 4, "wiring": "random" } ] }""", "c.json");
        Assert.Equal("dense 30 unique, dense 4 random", listed.DescribeLayers());
        Assert.Equal(listed.ToJson(), ModelConfig.FromJson(listed.ToJson(), "again").ToJson());
    }

    [Theory]
    [InlineData("""[ { "kind": "dense", "neurons": 30 }, { "kind": "dense", "neurons": 5 } ]""", "the last layer's 5 neurons must be a multiple of classes (2)")]
    [InlineData("""[ { "kind": "dense", "neurons": 0 } ]""", "architecture layer 1 (dense): neurons must be at least 1")]
    [InlineData("""[ { "kind": "dense", "neurons": 4, "wiring": "star" } ]""", "architecture layer 1 (dense): wiring 'star'")]
    [InlineData("""[]""", "architecture must list at least one layer")]
    [InlineData("""[ { "kind": "lstm", "neurons": 4 } ]""", "c.json: not a valid model config")]
    [InlineData("""[ { "neurons": 4 } ]""", "c.json: not a valid model config")]
    [InlineData("""[ { "kind": 7, "neurons": 4 } ]""", "architecture layer 1: kind must be dense, conv or orpool")] // a number names no kind
    public void Bad_layer_lists_are_one_line_errors(string list, string expected)
    {
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson($$"""{ "classes": 2, "architecture": {{list}} }""", "c.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("c.json: ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_recurrent_section_beside_an_architecture_list_is_a_one_line_error()
    {
        const string json = """{ "classes": 2, "architecture": [ { "kind": "dense", "neurons": 4 } ], "recurrent": { "hidden": 4, "stepLayers": [8], "readout": [4] } }""";
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson(json, "c.json"));
        Assert.Equal("c.json: recurrent and architecture: give one of them, not both", e.Message);
        // either section alone is a valid config
        Assert.NotNull(ModelConfig.FromJson("""{ "classes": 2, "recurrent": { "hidden": 4, "stepLayers": [8], "readout": [4] } }""", "r.json").Recurrent);
    }
}
