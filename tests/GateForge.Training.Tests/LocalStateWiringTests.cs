using GateForge.Ir;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary><c>recurrent.stateWiring: local</c>: the state as a one-dimensional cellular automaton.</summary>
public sealed class LocalStateWiringTests
{
    private static ModelConfig Local(int hidden, string parametrization = ModelConfig.Iwp) => new()
    {
        Recurrent = new RecurrentConfig
        {
            Hidden = hidden, StepLayers = [2 * hidden], Readout = [2], StateResidual = false, StateWiring = StateWiring.Local,
        },
        Classes = 2, Parametrization = parametrization, Init = ModelConfig.InitResidual, Threads = 1, Seed = 5,
    };

    // Residual init: every cell is x ? left : right (the missing neighbour at an end is the cell itself).
    [Theory]
    [InlineData(ModelConfig.Iwp)]
    [InlineData(ModelConfig.Softmax16)]
    public void Local_wiring_starts_as_a_shift_register_the_input_steers(string parametrization)
    {
        Runtime.TorchRuntime.EnsureLoaded();
        const int stepBits = 1, hidden = 7;
        using var model = RecurrentModel.Create(Local(hidden, parametrization), stepBits, CPU);
        var (first, state) = (model.Weights()[0], model.Weights()[1]);
        for (var j = 0; j < hidden; j++)
        {
            Assert.Equal((0, 0), (first.A[2 * j], first.A[2 * j + 1]));
            Assert.Equal((stepBits + Math.Max(j - 1, 0), stepBits + Math.Min(j + 1, hidden - 1)), (first.B[2 * j], first.B[2 * j + 1]));
            Assert.Equal((2 * j, 2 * j + 1), (state.A[j], state.B[j]));
        }
        var network = model.Freeze();
        var x = PackedBits.Random(stepBits, 64, seed: 2);
        var h = PackedBits.Random(hidden, 64, seed: 3);
        var next = network.Advance(x, h, [ulong.MaxValue]);
        var up = x.Row(0)[0];
        for (var j = 0; j < hidden; j++)
        {
            var left = h.Row(Math.Max(j - 1, 0))[0];
            var right = h.Row(Math.Min(j + 1, hidden - 1))[0];
            Assert.Equal((up & left) | (~up & right), next.Row(j)[0]);
        }
    }

    // The wiring can hold an exact up/down counter: 2K cells, N_{K-1} … N_0 | P_0 … P_{K-1} with
    // P_i = [c > i] and N_i = [c < −i], so h_0 = 0 is the count 0. Every cell keeps x ? left : right
    // except the two at the middle, which read their inner neighbour negated. Its readout is P_0, i.e.
    // "more ones than zeros"; with K = 64 it is exact on every test stream (lengths 1–64), and the
    // frozen sequential netlist agrees with it (the freeze self-check).
    [Fact]
    public void Local_wiring_holds_an_exact_counter_for_stream_majority()
    {
        Runtime.TorchRuntime.EnsureLoaded();
        const int k = StreamTasks.TestMaxLength, hidden = 2 * k;
        var config = Local(hidden);
        using var model = RecurrentModel.Create(config, 1, CPU);
        var w = model.Weights();
        var first = (float[])w[0].Logits.Clone();
        Table(first, 2 * k, [0, 0, 1, 0]);           // P_0: x AND NOT N_0
        Table(first, 2 * (k - 1) + 1, [1, 0, 0, 0]); // N_0: NOT x AND NOT P_0
        var readout = w[2] with { A = [k, k], B = [k, k], Logits = new float[8] };
        Table(readout.Logits, 0, [1, 1, 0, 0]);      // class 0: NOT P_0
        Table(readout.Logits, 1, [0, 0, 1, 1]);      // class 1: P_0
        var counter = new TrainedRecurrentModel(config, null, 1, [w[0] with { Logits = first }, w[1], readout], 0);
        var test = StreamTasks.Load(StreamTasks.MajorityName).Test;
        Assert.Equal(test.Labels, counter.Network.Predict(test).ClassId);
        Assert.Equal(hidden + 1, RecurrentFreezer.Freeze(counter, test).LatchCount);
    }

    private static void Table(float[] logits, int neuron, int[] f)
    {
        for (var p = 0; p < 4; p++)
            logits[neuron * 4 + p] = f[p] == 1 ? 10f : -10f;
    }

    [Theory]
    [InlineData(new[] { 7 }, false, 0, "recurrent.stateWiring local: stepLayers must be [8] (2 × hidden: a left and a right neuron per state bit)")]
    [InlineData(new[] { 8, 8 }, false, 0, "recurrent.stateWiring local: stepLayers must be [8] (2 × hidden: a left and a right neuron per state bit)")]
    [InlineData(new[] { 8 }, true, 0, "recurrent.stateWiring local wires the state path itself: set recurrent.stateResidual to false")]
    [InlineData(new[] { 8 }, true, 1, "recurrent.stateWiring local wires the state path itself: set recurrent.stateResidual to false")]
    public void A_bad_local_wiring_is_a_one_line_error(int[] stepLayers, bool residual, int shift, string expected)
    {
        var config = Local(4) with { Recurrent = Local(4).Recurrent! with { StepLayers = stepLayers, StateResidual = residual, StateShift = shift } };
        Assert.Equal(expected, Assert.Throws<TrainingException>(() => config.Validate()).Message);
    }

    [Fact]
    public void A_state_wiring_given_as_a_number_is_a_one_line_error()
    {
        var config = Local(4) with { Recurrent = Local(4).Recurrent! with { StateWiring = (StateWiring)5 } };
        Assert.Equal("recurrent.stateWiring must be random or local", Assert.Throws<TrainingException>(() => config.Validate()).Message);
    }

    // configs/stream-majority.json for 250 steps: far above the majority class (55.5 %), which is
    // where the randomly wired state stays (bench recurrent).
    [Fact]
    public void Stream_majority_learns_to_count_with_the_shipped_config()
    {
        var config = ModelConfig.Load(Path.Combine(ShippedConfigsTests.ConfigsDir(), "stream-majority.json")) with { Steps = 250, EvalEvery = 250 };
        var split = StreamTasks.Load(StreamTasks.MajorityName);
        var result = RecurrentTrainer.Train(config, split, new TrainOptions());
        var accuracy = TrainedModel.Accuracy(result.Best.Network.Predict(split.Test).ClassId, split.Test.Labels);
        Assert.True(accuracy >= 0.85, $"stream-majority after 250 steps: {accuracy:P2}");
    }
}
