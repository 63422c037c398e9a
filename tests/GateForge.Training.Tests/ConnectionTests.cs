using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>Learned connections (config <c>connectionCandidates</c>): candidates, the relaxed choice, the discrete choice, checkpoints, freezing.</summary>
[Collection(TorchCollection.Name)]
public sealed class ConnectionTests
{
    [Fact]
    public void Candidates_start_with_the_drawn_wiring_and_the_largest_logit_chooses()
    {
        var c = ConnectionWeights.Draw([3, 1], [0, 2], inputs: 5, k: 4, new Random(1));
        Assert.Equal(3, c.CandidatesA[0]);
        Assert.Equal(1, c.CandidatesA[4]);
        Assert.Equal(2, c.CandidatesB[4]);
        Assert.All(c.CandidatesA.Concat(c.CandidatesB), i => Assert.InRange(i, 0, 4));
        Assert.Equal([3, 1], c.ChosenA()); // all logits 0: ties keep the drawn wiring
        Assert.Equal([0, 2], c.ChosenB());
        c.LogitsA[2] = 0.5f; // neuron 0, candidate 2
        c.LogitsB[4 + 3] = 0.25f; // neuron 1, candidate 3
        Assert.Equal([c.CandidatesA[2], 1], c.ChosenA());
        Assert.Equal([0, c.CandidatesB[7]], c.ChosenB());
    }

    [Fact]
    public void A_decided_choice_is_the_fixed_layer_wired_to_it_and_the_logits_get_gradients()
    {
        // 6 inputs, 3 neurons, 3 candidates each; the connection logits favour one candidate by 60,
        // so the softmax is one-hot in float32 and the layer must equal the fixed layer wired to the chosen inputs
        var rng = new Random(3);
        var c = ConnectionWeights.Draw([0, 1, 2], [3, 4, 5], inputs: 6, k: 3, rng);
        int[] pickA = [2, 0, 1], pickB = [1, 2, 0];
        for (var n = 0; n < 3; n++)
        {
            c.LogitsA[n * 3 + pickA[n]] = 60f;
            c.LogitsB[n * 3 + pickB[n]] = 60f;
        }
        var gates = Enumerable.Range(0, 12).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        using var learned = new LogicLayer(6, [0, 1, 2], [3, 4, 5], gates, ModelConfig.Iwp, CPU, connections: c);
        using var fixedLayer = new LogicLayer(6, c.ChosenA(), c.ChosenB(), gates, ModelConfig.Iwp, CPU, fused: false);
        using var x = rand(5, 6);
        using var y = learned.Forward(x, null, 1f, 1f);
        using var expected = fixedLayer.Forward(x, null, 1f, 1f);
        Assert.Equal(expected.data<float>().ToArray(), y.data<float>().ToArray(), new FloatTolerance(1e-6f));
        Assert.Equal(c.ChosenA(), learned.Weights().A);
        Assert.Equal(c.ChosenB(), learned.Weights().B);

        // undecided (all 0): each input is the mean of its candidates, and the choice learns
        using var open = new LogicLayer(6, [0, 1, 2], [3, 4, 5], gates, ModelConfig.Iwp, CPU,
            connections: ConnectionWeights.Draw([0, 1, 2], [3, 4, 5], 6, 3, new Random(5)));
        using var loss = open.Forward(x, null, 1f, 1f).sum();
        loss.backward();
        Assert.Contains(open.ConnectionLogits!.grad!.data<float>().ToArray(), g => Math.Abs(g) > 1e-4);
    }

    [Fact]
    public void The_fused_layer_with_candidates_equals_its_tensor_op_form_forward_and_back()
    {
        // the CPU mixes the candidate rows and runs the gates in DenseKernel; the tensor-op form is the reference
        var rng = new Random(11);
        var c = ConnectionWeights.Draw([0, 3, 5, 7], [1, 2, 4, 6], inputs: 9, k: 5, rng);
        for (var i = 0; i < c.LogitsA.Length; i++)
            (c.LogitsA[i], c.LogitsB[i]) = ((float)rng.NextDouble() * 2 - 1, (float)rng.NextDouble() * 2 - 1);
        var gates = Enumerable.Range(0, 16).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        (float[] Y, float[] Gx, float[] Gw) Run(bool fused)
        {
            using var layer = new LogicLayer(9, [0, 3, 5, 7], [1, 2, 4, 6], gates, ModelConfig.Iwp, CPU, fused, c);
            using var x = torch.rand(6, 9, generator: new torch.Generator(3)).requires_grad_(true);
            using var y = layer.Forward(x, null, 1f, 1f);
            using var loss = (y * y).sum();
            loss.backward();
            return (y.detach().data<float>().ToArray(), x.grad!.data<float>().ToArray(), layer.ConnectionLogits!.grad!.data<float>().ToArray());
        }
        var (y1, gx1, gw1) = Run(fused: true);
        var (y0, gx0, gw0) = Run(fused: false);
        Assert.Equal(y0, y1, new FloatTolerance(1e-6f));
        Assert.Equal(gx0, gx1, new FloatTolerance(1e-5f));
        Assert.Equal(gw0, gw1, new FloatTolerance(1e-5f));
    }

    [Fact]
    public void Without_candidates_the_model_is_drawn_as_before()
    {
        // connectionCandidates 1 or null draws nothing more: the same wiring and logits as a config without the field
        var config = new ModelConfig { Layers = 2, Neurons = 20, Classes = 2, Seed = 9 };
        using var plain = DlgnModel.Create(config, 12, null, CPU);
        using var one = DlgnModel.Create(config with { ConnectionCandidates = 1 }, 12, null, CPU);
        using var four = DlgnModel.Create(config with { ConnectionCandidates = 4 }, 12, null, CPU);
        Assert.Equal(plain.Weights()[0].A, four.Weights()[0].A); // the first layer's wiring is drawn before any candidate
        for (var l = 0; l < 2; l++)
        {
            Assert.Equal(plain.Weights()[l].A, one.Weights()[l].A);
            Assert.Equal(plain.Weights()[l].Logits, one.Weights()[l].Logits);
            Assert.Null(one.Weights()[l].Connections);
            // every neuron's first candidate is its drawn wiring, which it reads until the choice moves
            var c = four.Weights()[l].Connections!;
            Assert.Equal(4, c.Candidates);
            Assert.Equal(Enumerable.Range(0, 20).Select(n => c.CandidatesA[n * 4]), four.Weights()[l].A);
        }
        Assert.Equal(2, plain.Parameters.Count());
        Assert.Equal(4, four.Parameters.Count()); // gate logits of both layers, then their connection logits
    }

    [Fact]
    public void A_model_with_learned_connections_trains_resumes_reloads_and_freezes_exactly()
    {
        using var dir = new TempDir();
        var split = Monk.Generate(3);
        var config = SmallConfigs.TwoLayerGumbel with { ConnectionCandidates = 4, Gumbel = false, Parametrization = ModelConfig.Iwp, Init = ModelConfig.InitResidual };
        var straight = DlgnTrainer.Train(config, split, new TrainOptions());
        Assert.Contains(straight.Last.Weights, w => w.Connections!.LogitsA.Any(v => v != 0)); // the choice moved

        var path = dir.File("ck");
        DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, StopAfterStep = 20 });
        var resumed = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, Resume = true });
        for (var l = 0; l < 2; l++)
        {
            Assert.Equal(straight.Last.Weights[l].Logits, resumed.Last.Weights[l].Logits);
            Assert.Equal(straight.Last.Weights[l].Connections!.LogitsB, resumed.Last.Weights[l].Connections!.LogitsB);
        }

        var loaded = TrainedModel.Load(path, best: false);
        Assert.Equal(straight.Last.Weights[1].A, loaded.Weights[1].A);
        Assert.Equal(straight.Last.Weights[1].Connections!.CandidatesA, loaded.Weights[1].Connections!.CandidatesA);
        var bits = loaded.Encode(split.Test);
        Assert.Equal(straight.Last.PredictDiscrete(bits, split.Test.Count).Scores, loaded.PredictDiscrete(bits, split.Test.Count).Scores);
        Freezer.Freeze(loaded, bits, split.Test.Count); // throws when the netlist differs from the model

        var e = Assert.Throws<TrainingException>(() =>
            DlgnTrainer.Train(config with { ConnectionCandidates = 8 }, split, new TrainOptions { CheckpointDir = path, Resume = true }));
        Assert.Contains("connectionCandidates: 8 vs 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recurrent_readout_with_learned_connections_freezes_into_an_equal_sequential_netlist()
    {
        var config = ModelConfig.SmallRecurrent(2) with { ConnectionCandidates = 4, Steps = 60 };
        var split = StreamTasks.Load("stream-parity");
        var result = RecurrentTrainer.Train(config, split, new TrainOptions());
        var stepLayers = config.Recurrent!.StepWidths().Length;
        Assert.All(result.Best.Weights.Take(stepLayers), w => Assert.Null(w.Connections)); // the state path stays wired
        Assert.All(result.Best.Weights.Skip(stepLayers), w => Assert.Equal(4, w.Connections!.Candidates));
        RecurrentFreezer.Freeze(result.Best, split.Test); // throws when a sequence's output differs
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void Bad_candidate_counts_are_one_line_errors(int k)
    {
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson($$"""{ "classes": 2, "neurons": 10, "connectionCandidates": {{k}} }""", "c.json"));
        Assert.Equal("c.json: connectionCandidates must be 1..64", e.Message);
    }

    [Fact]
    public void A_weights_file_with_a_candidate_outside_the_inputs_is_refused()
    {
        using var dir = new TempDir();
        var c = new ConnectionWeights(2, [0, 1], [1, 0], [1f, 0f], [1f, 0f]);
        var layer = new LayerWeights(2, c.ChosenA(), c.ChosenB(), 4, [1f, 2f, 3f, 4f]) { Connections = c };
        var path = dir.File("w.bin");
        WeightsFile.WriteWeights(path, [layer]);
        var back = Assert.Single(WeightsFile.ReadWeights(path));
        Assert.Equal(c.CandidatesB, back.Connections!.CandidatesB);
        Assert.Equal(c.LogitsA, back.Connections.LogitsA);

        var bytes = File.ReadAllBytes(path);
        // the candidates follow the record's logits and K; candidate A[1] is at 4 bytes past the first
        var firstCandidate = bytes.Length - 4 * (2 + 2 + 2 + 2);
        BitConverter.GetBytes(7).CopyTo(bytes, firstCandidate + 4);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<TrainingException>(() => WeightsFile.ReadWeights(path));
        Assert.Equal($"{path}: layer 0 has a connection candidate 7 of 2 inputs", e.Message);
    }
}
