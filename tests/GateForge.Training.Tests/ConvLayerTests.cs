using GateForge.Ir;
using GateForge.Sim;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>Conv logic-tree layers and OR pooling (SPEC §7): discrete evaluation, freezing, weight sharing, training.</summary>
[Collection(TorchCollection.Name)]
public sealed class ConvLayerTests
{
    private const int And = 1;
    private const int Xor = 6;
    private const int Or = 7;
    private const int NotB = 10; // ¬b: f(0,0)=1, f(0,1)=0, f(1,0)=1, f(1,1)=0

    [Fact]
    public void A_tree_computes_its_hand_written_truth_table()
    {
        // 1 × 2 × 2 image, one 2 × 2 tree of depth 2: leaves are offsets 3, 1, 0, 2 (x3, x1, x0, x2);
        // level 0 pairs slot i with slot i + 2: AND(x3, x0), XOR(x1, x2); root: OR of the two.
        var g = new ImageGeometry(LayerKind.Conv, new BitImage(1, 2, 2), new BitImage(1, 1, 1), 2, 1, 0, 2, PixelMajorInput: true);
        var layer = new DiscreteConvLayer(g, [3, 1, 0, 2], [And, Xor, Or]);
        // pattern p has bit i = x_i; the table of (x3 ∧ x0) ∨ (x1 ⊕ x2), worked out by hand for p = 0..15
        int[] expected = [0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1];
        var inputs = AllPatterns(4);
        var output = layer.Evaluate(inputs.Data, inputs.Words);
        for (var p = 0; p < 16; p++)
            Assert.Equal(expected[p], (int)(output[p / 64] >> (p % 64) & 1));
    }

    [Fact]
    public void Conv_and_orpool_equal_the_frozen_netlist_on_every_4x4_image()
    {
        // 4 × 4 × 1 → conv 4 channels, 3 × 3, depth 3, padding 1 → 4 × 4 × 4 → orpool 2 → 4 × 2 × 2 = 16 bits;
        // 16 classes of one bit each, so the scores are the layer outputs bit for bit.
        var config = new ModelConfig
        {
            Classes = 16,
            Architecture = [LayerSpec.Conv(4, 3, 3, padding: 1), LayerSpec.OrPool()],
        };
        var model = RandomModel(config, new BitImage(1, 4, 4), seed: 5);
        var netlist = Freezer.Build(model);
        var inputs = AllPatterns(16);
        Assert.True(model.PredictPacked(inputs).RowsEqual(CombEvaluator.Evaluate(netlist, inputs)));
        // the layers are not trivial: outputs vary over the images
        var layers = model.Network.EvaluateLayers(inputs);
        var varying = Enumerable.Range(0, 16).Count(r => layers.Row(r).ToArray() is var row && row.Any(w => w != 0) && row.Any(w => w != ulong.MaxValue));
        Assert.True(varying >= 8, $"{varying} of 16 outputs vary");
    }

    [Fact]
    public void Soft_layers_with_decided_gates_equal_the_discrete_ones_on_a_multichannel_image()
    {
        // 2 channels in the encoder's pixel-major order, a stride-2 conv, a padded pool and a dense layer:
        // with one logit far above the others the relaxation is the discrete gate, so the soft scores
        // equal the discrete popcounts exactly; a wrong index map or pool order would differ.
        var config = new ModelConfig
        {
            Classes = 2,
            Architecture = [LayerSpec.Conv(6, 3, 3, stride: 2, padding: 1), LayerSpec.OrPool(2, 1, 1), LayerSpec.Dense(8)],
        };
        var image = new BitImage(2, 6, 6);
        var model = RandomModel(config, image, seed: 9, decided: true);
        var rng = new Random(3);
        var n = 300;
        var bits = new byte[n * image.Bits];
        for (var i = 0; i < bits.Length; i++)
            bits[i] = (byte)rng.Next(2);
        var (scores, _) = model.PredictDiscrete(bits, n);
        using var soft = DlgnModel.FromWeights(config, image.Bits, model.Weights, CPU);
        using var x = tensor(bits, [n, image.Bits], ScalarType.Byte).to_type(ScalarType.Float32);
        using var s = soft.Forward(x, null) * config.Tau;
        var values = s.data<float>().ToArray();
        for (var i = 0; i < scores.Length; i++)
            Assert.Equal(scores[i], values[i], 3);
    }

    [Fact]
    public void Weight_sharing_one_logit_set_per_tree_gate_and_gradients_summed_over_positions()
    {
        var g = new ImageGeometry(LayerKind.Conv, new BitImage(1, 3, 3), new BitImage(2, 2, 2), 2, 1, 0, 2, PixelMajorInput: false);
        int[] leaves = [0, 3, 1, 2, /* channel 1 */ 2, 1, 3, 0];
        var rng = new Random(11);
        var logits = Enumerable.Range(0, 2 * 3 * 16).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var x = Enumerable.Range(0, 2 * 9).Select(_ => (float)rng.NextDouble()).ToArray(); // 2 samples of 3 × 3 soft bits
        var weight = Enumerable.Range(0, 2 * 8).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

        using var layer = new TreeConvLayer(g, leaves, logits, ModelConfig.Softmax16, CPU);
        Assert.Equal([6L, 16L], layer.Logits!.shape); // 2 channels × 3 tree gates, not × 4 positions
        using var input = tensor(x, [2, 9]);
        var loss = (layer.Forward(input, null, 1f, 1f) * tensor(weight, [2, 8])).sum();
        loss.backward();
        var grad = layer.Logits.grad!.data<float>().ToArray();

        // Hand-unrolled: every (sample, channel, position) gets its own copy of its tree's logits.
        var coefficients = tensor(Gates.CoefficientMatrix(), [16, 4]);
        var expected = new float[logits.Length];
        for (var sample = 0; sample < 2; sample++)
            for (var co = 0; co < 2; co++)
                for (var oy = 0; oy < 2; oy++)
                    for (var ox = 0; ox < 2; ox++)
                    {
                        using var scope = NewDisposeScope();
                        var copy = tensor(logits.AsSpan(co * 48, 48).ToArray(), [3, 16]).requires_grad_(true);
                        var c = copy.softmax(1).mm(coefficients);
                        Tensor Leaf(int j)
                        {
                            var r = leaves[co * 4 + j];
                            return tensor(x[sample * 9 + (oy + r / 2) * 3 + ox + r % 2]);
                        }
                        Tensor GateOf(int k, Tensor a, Tensor b) => c[k, 0] + c[k, 1] * a + c[k, 2] * b + c[k, 3] * a * b;
                        var root = GateOf(2, GateOf(0, Leaf(0), Leaf(2)), GateOf(1, Leaf(1), Leaf(3)));
                        (root * weight[sample * 8 + co * 4 + oy * 2 + ox]).backward();
                        var part = copy.grad!.data<float>().ToArray();
                        for (var i = 0; i < 48; i++)
                            expected[co * 48 + i] += part[i];
                    }
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], grad[i], 4);
    }

    [Theory]
    [InlineData(ModelConfig.Softmax16, true)]
    [InlineData(ModelConfig.Iwp, false)] // the shipped conv configs' parametrization
    public void A_small_conv_model_learns_bars_and_freezes_exactly(string parametrization, bool gumbel)
    {
        var split = Synthetic.Bars();
        var config = new ModelConfig
        {
            Classes = 2,
            Architecture = [LayerSpec.Conv(16, 3, 2), LayerSpec.OrPool(2, 2), LayerSpec.Dense(80)],
            Parametrization = parametrization,
            EncoderBits = 1, Gumbel = gumbel, Tau = 8f, LearningRate = 0.2f,
            BatchSize = 50, Steps = 600, EvalEvery = 100, Threads = 1,
            Seed = 2,
        };
        var result = DlgnTrainer.Train(config, split, new TrainOptions());
        var model = result.Best;
        var bits = model.Encode(split.Test);
        var (_, predicted) = model.PredictDiscrete(bits, split.Test.Count);
        Assert.True(TrainedModel.Accuracy(predicted, split.Test.Labels) >= 0.99, $"discrete accuracy {TrainedModel.Accuracy(predicted, split.Test.Labels)}");
        var netlist = Freezer.Freeze(model, bits, split.Test.Count); // throws when the netlist differs
        Assert.Equal("conv 16 k3 d2 s1 p0, orpool 2 s2 p0, dense 80 unique", netlist.Attributes["model.architecture"]);
    }

    [Fact]
    public void A_conv_checkpoint_resumes_exactly_and_reloads_its_geometry()
    {
        using var dir = new GateForge.TestKit.TempDir();
        var split = Synthetic.Bars();
        var config = new ModelConfig
        {
            Classes = 2,
            Architecture = [LayerSpec.Conv(4, 3, 2, padding: 1), LayerSpec.OrPool(3, 2, 1), LayerSpec.Dense(20)],
            Gumbel = true, Tau = 4f, LearningRate = 0.1f, BatchSize = 20, Steps = 30, EvalEvery = 10, Threads = 1, Seed = 4,
        };
        var straight = DlgnTrainer.Train(config, split, new TrainOptions());
        var path = dir.File("ck");
        DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, StopAfterStep = 10 });
        var resumed = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, Resume = true });
        for (var l = 0; l < 3; l++)
            Assert.Equal(straight.Last.Weights[l].Logits, resumed.Last.Weights[l].Logits);
        var loaded = TrainedModel.Load(path, best: false);
        Assert.Equal(straight.Last.Weights[0].Geometry, loaded.Weights[0].Geometry);
        Assert.Equal(straight.Last.Weights[0].A, loaded.Weights[0].A);
        Assert.Equal(new BitImage(4, 4, 4), loaded.Weights[1].Geometry!.Out);
        var bits = loaded.Encode(split.Test);
        Assert.Equal(straight.Last.PredictDiscrete(bits, split.Test.Count).Scores, loaded.PredictDiscrete(bits, split.Test.Count).Scores);
    }

    [Fact]
    public void Version_1_weights_files_still_load()
    {
        using var dir = new GateForge.TestKit.TempDir();
        var path = dir.File("weights.bin");
        using (var w = new BinaryWriter(File.Create(path)))
        {
            w.Write("GFDLGNW1"u8.ToArray());
            w.Write(1); // layers
            w.Write(2); // inputs
            w.Write(2); // neurons
            w.Write(4); // logits per neuron (iwp)
            foreach (var v in new[] { 0, 1, 1, 0 })
                w.Write(v);
            foreach (var v in new[] { -1f, -1f, -1f, 2f, -2f, 1f, 3f, -0.5f })
                w.Write(v);
        }
        var layer = Assert.Single(GateForge.Training.Checkpoints.WeightsFile.ReadWeights(path));
        Assert.Equal(LayerKind.Dense, layer.Kind);
        Assert.Equal([0, 1], layer.A);
        Assert.Equal([1, 0], layer.B);
        Assert.Equal([And, Xor], ((DiscreteLayer)layer.Discrete(iwp: true)).GateIds);
    }

    [Theory]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 9, "depth": 2 } ]""", "architecture layer 1 (conv): kernel 9 is larger than its 8x8 input (padding 0)")]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 2, "depth": 3 } ]""", "architecture layer 1 (conv): depth 3 needs 8 distinct leaves, the receptive field has 2x2x1 = 4 bits")]
    [InlineData("""[ { "kind": "conv", "channels": 3, "kernel": 3, "depth": 2 } ]""", "the last layer's 108 outputs (3x6x6) must be a multiple of classes (8) for the GroupSum head")]
    [InlineData("""[ { "kind": "dense", "neurons": 16 }, { "kind": "orpool" } ]""", "architecture layer 2 (orpool) needs image-shaped bits, but it follows a dense layer")]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 3, "depth": 2, "leafChannels": 2 } ]""", "architecture layer 1 (conv): leafChannels 2 is more than the 1 input channels")]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 3, "depth": 2 }, { "kind": "conv", "channels": 8, "kernel": 2, "depth": 3, "leafChannels": 1 } ]""", "architecture layer 2 (conv): depth 3 needs 8 distinct leaves, the receptive field a tree reads has 2x2x1 = 4 bits")]
    public void Layer_plans_that_do_not_fit_the_image_are_one_line_errors(string list, string expected)
    {
        var config = ModelConfig.FromJson($$"""{ "classes": 8, "architecture": {{list}} }""", "c.json");
        var e = Assert.Throws<TrainingException>(() => LayerPlan.Resolve(config, 64, new BitImage(1, 8, 8)));
        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 3, "depth": 2, "neurons": 5 } ]""", "architecture layer 1 (conv): 'neurons' is not a field of a conv layer (fields: channels, kernel, depth, leafChannels, stride, padding)")]
    [InlineData("""[ { "kind": "orpool", "leafChannels": 2 } ]""", "architecture layer 1 (orpool): 'leafChannels' is not a field of a orpool layer (fields: size, stride, padding)")]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 3, "depth": 2, "leafChannels": 0 } ]""", "architecture layer 1 (conv): leafChannels must be at least 1")]
    [InlineData("""[ { "kind": "conv", "channels": 4, "kernel": 3, "depth": 0 } ]""", "architecture layer 1 (conv): depth must be 1..12")]
    [InlineData("""[ { "kind": "orpool", "size": 2, "padding": 2 } ]""", "architecture layer 1 (orpool): padding must be 0..1 (less than the window)")]
    [InlineData("""[ { "kind": "conv", "kernel": 3, "depth": 2 } ]""", "architecture layer 1 (conv): channels must be at least 1")]
    public void Bad_conv_fields_are_one_line_errors(string list, string expected)
    {
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson($$"""{ "classes": 2, "architecture": {{list}} }""", "c.json"));
        Assert.Equal("c.json: " + expected, e.Message);
    }

    [Fact]
    public void Leaf_channels_restrict_each_tree_to_that_many_input_channels_drawn_per_tree()
    {
        // 6 channels of 5 × 5 → conv 40 trees of depth 3 over 3 × 3 windows of 2 channels each
        var image = new BitImage(6, 5, 5);
        var restricted = new ModelConfig { Classes = 2, Architecture = [LayerSpec.Conv(40, 3, 3, leafChannels: 2)] };
        using var model = DlgnModel.Create(restricted, image.Bits, image, CPU);
        var leaves = model.Weights()[0].A;
        var usedChannels = new HashSet<int>();
        for (var tree = 0; tree < 40; tree++)
        {
            var mine = leaves.AsSpan(tree * 8, 8).ToArray();
            Assert.Equal(8, mine.Distinct().Count());
            Assert.All(mine, r => Assert.InRange(r, 0, 3 * 3 * 6 - 1));
            var channels = mine.Select(r => r / 9).Distinct().ToArray();
            Assert.InRange(channels.Length, 1, 2);
            usedChannels.UnionWith(channels);
        }
        Assert.Equal(6, usedChannels.Count); // drawn per tree, not one pair for the layer

        // without leafChannels the draw is the whole field's, as before the option existed (checkpoints
        // and shipped configs reproduce): 8 leaves over 54 bits span more than two channels somewhere
        var open = restricted with { Architecture = [LayerSpec.Conv(40, 3, 3)] };
        using var free = DlgnModel.Create(open, image.Bits, image, CPU);
        var all = free.Weights()[0].A;
        Assert.Contains(Enumerable.Range(0, 40), t => all.AsSpan(t * 8, 8).ToArray().Select(r => r / 9).Distinct().Count() > 2);
    }

    [Fact]
    public void Per_pixel_quantile_thresholds_for_a_conv_model_are_a_one_line_error()
    {
        var config = new ModelConfig
        {
            Classes = 2, Architecture = [LayerSpec.Conv(4, 3, 2), LayerSpec.OrPool(2, 2), LayerSpec.Dense(20)],
            EncoderMode = ModelConfig.EncoderQuantile, Steps = 1,
        };
        var e = Assert.Throws<TrainingException>(() => DlgnTrainer.Train(config, Synthetic.Bars(), new TrainOptions()));
        Assert.Equal("encoderMode quantile gives every pixel its own thresholds, but a conv tree reads every position and needs the same thresholds at each: use encoderMode uniform", e.Message);
    }

    [Fact]
    public void A_conv_config_file_that_does_not_choose_its_thresholds_gets_uniform_ones_over_the_image_defaults()
    {
        const string conv = "\"architecture\": [{\"kind\": \"conv\", \"channels\": 4, \"kernel\": 3, \"depth\": 2}, {\"kind\": \"dense\", \"neurons\": 20}]";
        var defaults = ModelConfig.ImageDefault();
        Assert.Equal(ModelConfig.EncoderQuantile, defaults.EncoderMode);
        Assert.Equal(ModelConfig.EncoderUniform, ModelDefaults.Overlay(defaults, "{" + conv + "}", "c.json").EncoderMode);
        Assert.Equal(ModelConfig.EncoderQuantile, ModelDefaults.Overlay(defaults, "{" + conv + ", \"encoderMode\": \"quantile\"}", "c.json").EncoderMode); // refused when it trains
        Assert.Equal(ModelConfig.EncoderQuantile, ModelDefaults.Overlay(defaults, "{\"steps\": 10}", "c.json").EncoderMode); // a dense model keeps them
    }

    [Fact]
    public void Conv_on_plain_features_is_a_one_line_error()
    {
        var config = new ModelConfig { Classes = 2, Architecture = [LayerSpec.Conv(4, 2, 2)], Steps = 1 };
        var e = Assert.Throws<TrainingException>(() => DlgnTrainer.Train(config, Monk.Generate(1), new TrainOptions()));
        Assert.StartsWith("architecture layer 1 (conv) needs image data", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    // A model of the config with seeded leaves and logits (decided: one logit per gate far above the rest).
    private static TrainedModel RandomModel(ModelConfig config, BitImage image, int seed, bool decided = false)
    {
        var rng = new Random(seed);
        var weights = new List<LayerWeights>();
        foreach (var layer in LayerPlan.Resolve(config, image.Bits, image))
        {
            float[] Logits(int gates)
            {
                var l = new float[gates * 16];
                for (var i = 0; i < gates; i++)
                    if (decided)
                        l[i * 16 + rng.Next(16)] = 40f;
                    else
                        for (var j = 0; j < 16; j++)
                            l[i * 16 + j] = (float)rng.NextDouble();
                return l;
            }
            switch (layer.Spec.Kind)
            {
                case LayerKind.Conv:
                    var g = layer.Geometry!;
                    var leaves = new int[g.Out.Channels * g.Leaves];
                    for (var co = 0; co < g.Out.Channels; co++)
                    {
                        var field = Enumerable.Range(0, g.Field).OrderBy(_ => rng.Next()).ToArray();
                        Array.Copy(field, 0, leaves, co * g.Leaves, g.Leaves);
                    }
                    weights.Add(LayerWeights.Conv(g, leaves, 16, Logits(g.Out.Channels * g.TreeGates)));
                    break;
                case LayerKind.OrPool:
                    weights.Add(LayerWeights.OrPool(layer.Geometry!));
                    break;
                default:
                    var a = Enumerable.Range(0, layer.Outputs).Select(_ => rng.Next(layer.Inputs)).ToArray();
                    var b = Enumerable.Range(0, layer.Outputs).Select(_ => rng.Next(layer.Inputs)).ToArray();
                    weights.Add(new LayerWeights(layer.Inputs, a, b, 16, Logits(layer.Outputs)));
                    break;
            }
        }
        return new TrainedModel(config, null, image.Bits, weights, 0);
    }

    // All 2^n patterns of n bits: pattern p has bit i of p on row i.
    private static PackedBits AllPatterns(int n)
    {
        var p = new PackedBits(n, 1 << n);
        for (var s = 0; s < 1 << n; s++)
            for (var i = 0; i < n; i++)
                if ((s >> i & 1) != 0)
                    p.Data[(long)i * p.Words + s / 64] |= 1UL << (s % 64);
        return p;
    }
}
