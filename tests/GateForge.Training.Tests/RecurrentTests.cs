using GateForge.Ir;
using GateForge.Ir.Sequences;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

public sealed class RecurrentTests
{
    private static readonly ModelConfig Tiny = new()
    {
        Recurrent = new RecurrentConfig { Hidden = 3, StepLayers = [6], Readout = [4] },
        Classes = 2,
        Init = ModelConfig.InitRandom,
        Tau = 2f,
        Threads = 1,
        Seed = 3,
    };

    [Theory]
    [InlineData("stream-parity", "1", 1)]
    [InlineData("stream-parity", "1011", 1)]
    [InlineData("stream-parity", "0110", 0)]
    [InlineData("stream-majority", "10", 0)] // a tie is not "more ones"
    [InlineData("stream-majority", "101", 1)]
    [InlineData("stream-majority", "0", 0)]
    [InlineData("stream-div3", "11", 1)]     // 3
    [InlineData("stream-div3", "110", 1)]    // 6
    [InlineData("stream-div3", "1001", 1)]   // 9
    [InlineData("stream-div3", "111", 0)]    // 7
    [InlineData("stream-div3", "0", 1)]      // 0
    public void Stream_labels_follow_the_rule(string task, string stream, int label) =>
        Assert.Equal(label, StreamTasks.Label(task, stream.Select(c => (byte)(c - '0')).ToArray()));

    [Fact]
    public void Stream_test_sets_are_longer_than_the_training_sets()
    {
        var split = StreamTasks.Load("stream-parity");
        Assert.Equal(StreamTasks.TrainMaxLength, split.Train.MaxLength);
        Assert.Equal(StreamTasks.TestMaxLength, split.Test.MaxLength);
        Assert.Equal(1, split.Test.Lengths.Min());
    }

    [Fact]
    public void Image_rows_become_one_step_per_row()
    {
        var bits = Enumerable.Range(0, 2 * 3 * 2 * 2).Select(i => (byte)(i % 3 == 0 ? 1 : 0)).ToArray(); // 2 images, 3×2 px, 2 bits
        var set = SequenceSet.FromImageRows("img", bits, [0, 1], 2, new ImageShape(3, 2));
        Assert.Equal(6, set.StepBits);
        Assert.Equal([2, 2], set.Lengths);
        Assert.Equal(bits.AsSpan(18, 6).ToArray(), set.Step(1, 1).ToArray());
    }

    // BPTT: the masked, batched forward and its gradients equal a per-sample loop written out
    // step by step, each sample for exactly its own length (no mask).
    [Fact]
    public void Bptt_equals_a_hand_unrolled_computation()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        using var model = RecurrentModel.Create(Tiny, 2, CPU);
        var set = new SequenceSet("s", 2, [1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1], [1, 4, 1], [1, 0, 1], 2);
        var (x, mask) = RecurrentTask.Padded(set, [0, 1, 2], CPU);
        var scores = model.Forward(x, mask, null);
        var batched = nn.functional.cross_entropy(scores, tensor(new long[] { 1, 0, 1 }), reduction: nn.Reduction.Sum);
        var grads = Backward(model, batched);

        var layers = ReflectLayers(model);
        var total = zeros(1);
        for (var i = 0; i < set.Count; i++)
        {
            var h = zeros([1, 3]);
            for (var t = 0; t < set.Lengths[i]; t++)
            {
                var xt = tensor(set.Step(i, t).ToArray().Select(b => (float)b).ToArray(), [1, 2]);
                var v = cat([xt, h], 1);
                v = layers[0].Forward(v, null, Tiny.GumbelTau, 1f);
                h = layers[1].Forward(v, null, Tiny.GumbelTau, 1f);
            }
            var r = layers[2].Forward(h, null, Tiny.GumbelTau, 1f);
            var s = r.reshape(1, 2, 2).sum(2) / Tiny.Tau;
            Assert.Equal(scores[i].data<float>().ToArray(), s[0].data<float>().ToArray(), new FloatTolerance(1e-5f));
            total = total + nn.functional.cross_entropy(s, tensor(new long[] { set.Labels[i] }), reduction: nn.Reduction.Sum);
        }
        var unrolled = Backward(model, total.sum());
        for (var l = 0; l < grads.Count; l++)
            Assert.Equal(grads[l], unrolled[l], new FloatTolerance(1e-4f));
        Assert.Contains(grads, g => g.Any(v => Math.Abs(v) > 1e-3)); // the comparison is not of zeros
    }

    // stateStraightThrough: the forward equals a hand-unrolled loop that rounds h_t to 0/1 at every
    // step (the readout sees a binary h_T), and the step network's logits still get a gradient
    // (plain rounding would give them none).
    [Fact]
    public void Straight_through_state_is_binary_forward_and_passes_the_gradient()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        var config = Tiny with { Recurrent = Tiny.Recurrent! with { StateStraightThrough = true } };
        using var model = RecurrentModel.Create(config, 2, CPU);
        var set = new SequenceSet("s", 2, [1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 1], [1, 4, 1], [1, 0, 1], 2);
        var (x, mask) = RecurrentTask.Padded(set, [0, 1, 2], CPU);
        var scores = model.Forward(x, mask, null);
        var grads = Backward(model, nn.functional.cross_entropy(scores, tensor(new long[] { 1, 0, 1 })));

        var layers = ReflectLayers(model);
        var softStates = 0;
        using (no_grad())
            for (var i = 0; i < set.Count; i++)
            {
                var h = zeros([1, 3]);
                for (var t = 0; t < set.Lengths[i]; t++)
                {
                    var xt = tensor(set.Step(i, t).ToArray().Select(b => (float)b).ToArray(), [1, 2]);
                    var v = layers[1].Forward(layers[0].Forward(cat([xt, h], 1), null, 1f, 1f), null, 1f, 1f);
                    softStates += v.data<float>().ToArray().Count(f => f > 1e-3f && f < 1 - 1e-3f);
                    h = (v > 0.5f).to_type(ScalarType.Float32);
                }
                var s = layers[2].Forward(h, null, 1f, 1f).reshape(1, 2, 2).sum(2) / config.Tau;
                Assert.Equal(s[0].data<float>().ToArray(), scores[i].data<float>().ToArray(), new FloatTolerance(1e-5f));
            }
        Assert.True(softStates > 0, "the random step network should give soft states, which rounding changes");
        Assert.Contains(grads[0], g => Math.Abs(g) > 1e-4);
        Assert.Contains(grads[1], g => Math.Abs(g) > 1e-4);
    }

    private static List<LogicLayer> ReflectLayers(RecurrentModel model)
    {
        var field = (string name) => (List<LogicLayer>)typeof(RecurrentModel)
            .GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(model)!;
        return [.. field("_step"), .. field("_readout")];
    }

    private static List<float[]> Backward(RecurrentModel model, Tensor loss)
    {
        foreach (var p in model.Parameters)
            p.grad?.zero_();
        loss.backward();
        return model.Parameters.Select(p => p.grad!.data<float>().ToArray()).ToList();
    }

    // With one-hot logits the relaxed forward is the discrete network: the two evaluators agree.
    // Seeds are tried in order until the random network predicts both classes (seed 3 predicts only one).
    // stateShift: with residual init the step network starts as a shift register (h_t[j] =
    // h_{t-1}[j - s] for j >= s), and the first layer's other neurons read only x_t and h_{t-1}[0..s).
    [Theory]
    [InlineData(ModelConfig.Iwp)]
    [InlineData(ModelConfig.Softmax16)]
    public void State_shift_starts_as_a_shift_register(string parametrization)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        const int stepBits = 3, hidden = 6, shift = 2;
        var config = new ModelConfig
        {
            Recurrent = new RecurrentConfig { Hidden = hidden, StepLayers = [10, 8], Readout = [4], StateShift = shift },
            Classes = 2, Parametrization = parametrization, Init = ModelConfig.InitResidual, Threads = 1, Seed = 7,
        };
        using var model = RecurrentModel.Create(config, stepBits, CPU);
        var first = model.Weights()[0];
        for (var j = 0; j < first.Neurons; j++)
        {
            if (j >= shift && j < hidden)
                Assert.Equal(stepBits + j - shift, first.A[j]);
            else
                Assert.True(first.A[j] < stepBits + shift && first.B[j] < stepBits + shift, $"neuron {j} reads an old feature");
        }
        foreach (var later in model.Weights().Skip(1).Take(2))
        {
            static bool Feature(int i) => i < shift || i >= hidden;
            for (var j = 0; j < later.Neurons; j++)
            {
                if (j < hidden)
                    Assert.Equal(j, later.A[j]);
                if (Feature(j))
                    Assert.True(Feature(later.A[j]) && Feature(later.B[j]), $"feature neuron {j} reads the delay line");
            }
        }
        var network = model.Freeze();
        var x = PackedBits.Random(stepBits, 64, seed: 1);
        var state = PackedBits.Random(hidden, 64, seed: 2);
        var next = network.Advance(x, state, [ulong.MaxValue]);
        for (var j = shift; j < hidden; j++)
            Assert.Equal(state.Row(j - shift).ToArray(), next.Row(j).ToArray());
    }

    // A task only the delay line solves (label = the first of 4 bits, read 3 steps later from
    // h_T[3]): it trains to 100 %, and its delay-line neurons are still the fixed wires afterwards.
    [Fact]
    public void A_state_shift_model_learns_through_its_delay_line_and_keeps_it()
    {
        var rng = new Random(4);
        SequenceSet Set(int n)
        {
            var bits = new byte[n * 4];
            rng.NextBytes(bits);
            for (var i = 0; i < bits.Length; i++)
                bits[i] &= 1;
            return new SequenceSet("first", 1, bits, Enumerable.Repeat(4, n).ToArray(), Enumerable.Range(0, n).Select(i => (int)bits[i * 4]).ToArray(), 2);
        }
        var config = ModelConfig.SmallRecurrent(2) with
        {
            Recurrent = new RecurrentConfig { Hidden = 4, StepLayers = [8], Readout = [8], StateShift = 1 },
            Parametrization = ModelConfig.Iwp, Steps = 300, EvalEvery = 100,
        };
        var split = new SequenceSplit(Set(400), Set(200));
        var result = RecurrentTrainer.Train(config, split, new TrainOptions());
        Assert.Equal(1.0, TrainedModel.Accuracy(result.Best.Network.Predict(split.Test).ClassId, split.Test.Labels));
        foreach (var layer in result.Best.Weights.Take(2))
            for (var j = 1; j < 4; j++)
                Assert.Equal([-RecurrentModel.DelayLineLogit, -RecurrentModel.DelayLineLogit, RecurrentModel.DelayLineLogit, RecurrentModel.DelayLineLogit],
                    layer.Logits.AsSpan(j * 4, 4).ToArray(), new FloatTolerance(1e-6f));
    }

    [Theory]
    [InlineData(3, true, "recurrent.stateShift must be at least 0 and less than hidden (3)")]
    [InlineData(-1, true, "recurrent.stateShift must be at least 0 and less than hidden (3)")]
    [InlineData(1, false, "recurrent.stateShift needs recurrent.stateResidual")]
    public void A_bad_state_shift_is_a_one_line_error(int shift, bool residual, string expected)
    {
        var config = Tiny with { Recurrent = Tiny.Recurrent! with { Hidden = 3, StateShift = shift, StateResidual = residual } };
        var error = Assert.Throws<TrainingException>(() => config.Validate());
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Relaxed_forward_with_hard_gates_equals_the_discrete_network()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        var inputs = BitSequences.Random(2, 300, 1, 12, seed: 5);
        var set = new SequenceSet("r", 2, inputs.Bits, inputs.Lengths, new int[300], 2);
        var compared = 0;
        for (var seed = 1; seed <= 30 && compared < 3; seed++)
        {
            var config = Tiny with { Seed = seed };
            using var random = RecurrentModel.Create(config, 2, CPU);
            var hard = random.Weights().Select(w =>
            {
                var logits = new float[w.Logits.Length];
                for (var n = 0; n < w.Neurons; n++)
                    logits[n * 16 + LogicLayer.GateIdOf(w.Logits.AsSpan(n * 16, 16), false)] = 60f;
                return w with { Logits = logits };
            }).ToList();
            var model = new TrainedRecurrentModel(config, null, 2, hard, 0);
            var discrete = model.Network.Predict(set).ClassId;
            if (!discrete.Contains(0) || !discrete.Contains(1))
                continue;
            Assert.Equal(discrete, model.PredictSoft(set));
            compared++;
        }
        Assert.Equal(3, compared);
    }

    // Every sequence of length ≤ 8 over 2-bit steps (87,380 sequences), back to back through the
    // frozen sequential netlist, against the discrete model.
    [Fact]
    public void Frozen_netlist_equals_the_model_on_every_short_sequence()
    {
        var model = UntrainedModel();
        var netlist = RecurrentFreezer.Build(model);
        var all = BitSequences.Exhaustive(2, 8);
        Assert.Equal(87_380, all.Count);
        RecurrentFreezer.Check(model.Network, netlist, all, "all sequences");
        Assert.Equal(4, netlist.LatchCount); // 3 hidden + done
    }

    [Fact]
    public void The_check_catches_an_inverted_state_latch()
    {
        var model = UntrainedModel();
        var netlist = PlantedFaults.InvertLatchNext(RecurrentFreezer.Build(model), 0);
        var e = Assert.Throws<TrainingException>(() =>
            RecurrentFreezer.Check(model.Network, netlist, BitSequences.Exhaustive(2, 4), "all sequences"));
        Assert.Contains("differs", e.Message);
    }

    internal static TrainedRecurrentModel UntrainedModel()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        using var m = RecurrentModel.Create(Tiny, 2, CPU);
        return new TrainedRecurrentModel(Tiny, null, 2, m.Weights(), 0);
    }

    [Fact]
    public void Stream_parity_trains_to_every_test_sequence_and_resumes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gf-recur-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = ModelConfig.SmallRecurrent(2);
            var split = StreamTasks.Load("stream-parity");
            var first = RecurrentTrainer.Train(config, split, new TrainOptions { CheckpointDir = dir, StopAfterStep = config.EvalEvery });
            var result = RecurrentTrainer.Train(config, split, new TrainOptions { CheckpointDir = dir, Resume = true });
            Assert.True(first.Steps < result.Steps);
            Assert.Equal(1.0, TrainedModel.Accuracy(result.Best.Network.Predict(split.Test).ClassId, split.Test.Labels));
            var loaded = TrainedRecurrentModel.Load(dir);
            Assert.Equal(result.Best.Network.Predict(split.Test).ClassId, loaded.Network.Predict(split.Test).ClassId);
            RecurrentFreezer.Freeze(loaded, split.Test);
        }
        finally
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }
}

internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>, IEqualityComparer<float[]>
{
    public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(a));
    public int GetHashCode(float value) => 0;
    public bool Equals(float[]? a, float[]? b) => a is not null && b is not null && a.Length == b.Length && a.Zip(b).All(p => Equals(p.First, p.Second));
    public int GetHashCode(float[] value) => 0;
}
