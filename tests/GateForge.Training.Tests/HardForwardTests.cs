using GateForge.Training.Runtime;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>
/// The TorchSharp forward in hard mode equals <see cref="DiscreteNetwork"/>: before, the freeze
/// check compared the netlist only with DiscreteNetwork, built from the same gate choices, and the
/// relaxation itself was never run with one-hot gates. Expected values come from truth tables
/// written out here by hand, not from the code under test.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class HardForwardTests
{
    /// <summary>Gate id → f(0,0), f(0,1), f(1,0), f(1,1), by name (SPEC §1's numbering).</summary>
    private static readonly int[][] TruthTables =
    [
        [0, 0, 0, 0], // 0 false
        [0, 0, 0, 1], // 1 a and b
        [0, 0, 1, 0], // 2 a and not b
        [0, 0, 1, 1], // 3 a
        [0, 1, 0, 0], // 4 not a and b
        [0, 1, 0, 1], // 5 b
        [0, 1, 1, 0], // 6 xor
        [0, 1, 1, 1], // 7 or
        [1, 0, 0, 0], // 8 nor
        [1, 0, 0, 1], // 9 xnor
        [1, 0, 1, 0], // 10 not b
        [1, 0, 1, 1], // 11 b implies a
        [1, 1, 0, 0], // 12 not a
        [1, 1, 0, 1], // 13 a implies b
        [1, 1, 1, 0], // 14 nand
        [1, 1, 1, 1], // 15 true
    ];

    /// <summary>c0 + c1·a + c2·b + c3·ab of each gate, expanded by hand.</summary>
    private static readonly float[][] Relaxations =
    [
        [0, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, -1], [0, 1, 0, 0],
        [0, 0, 1, -1], [0, 0, 1, 0], [0, 1, 1, -2], [0, 1, 1, -1],
        [1, -1, -1, 1], [1, -1, -1, 2], [1, 0, -1, 0], [1, 0, -1, 1],
        [1, -1, 0, 0], [1, -1, 0, 1], [1, 0, 0, -1], [1, 0, 0, 0],
    ];

    [Fact]
    public void Coefficient_table_equals_the_hand_expansion()
    {
        var m = Gates.CoefficientMatrix();
        for (var g = 0; g < 16; g++)
            Assert.Equal(Relaxations[g], m[(g * 4)..(g * 4 + 4)]);
    }

    [Theory]
    [InlineData(ModelConfig.Softmax16)]
    [InlineData(ModelConfig.Iwp)]
    public void Hard_forward_equals_the_discrete_network_and_the_truth_tables(string parametrization)
    {
        TorchRuntime.EnsureLoaded();
        const int inputs = 8, neurons = 32, samples = 64;
        var rng = new Random(15);
        var a = Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs)).ToArray();
        var b = Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs)).ToArray();
        var gate = Enumerable.Range(0, neurons).Select(n => n % 16).ToArray();
        var iwp = parametrization == ModelConfig.Iwp;
        var per = iwp ? 4 : 16;
        var logits = new float[neurons * per];
        for (var n = 0; n < neurons; n++)
            for (var k = 0; k < per; k++)
                logits[n * per + k] = iwp
                    ? (TruthTables[gate[n]][k] == 1 ? 30f : -30f) // one hard pattern bit per input pattern
                    : (k == gate[n] ? 60f : 0f);                 // one-hot gate
        var bits = Enumerable.Range(0, samples * inputs).Select(_ => (byte)rng.Next(2)).ToArray();

        using var layer = new LogicLayer(inputs, a, b, logits, parametrization, CPU);
        using var x = tensor(bits.Select(v => (float)v).ToArray(), [samples, inputs]);
        using var y = layer.Forward(x, noise: null, gumbelTau: 1f, gradFactor: 1f);
        var soft = y.data<float>().ToArray();

        var ids = Enumerable.Range(0, neurons).Select(n => LogicLayer.GateIdOf(logits.AsSpan(n * per, per), iwp)).ToArray();
        Assert.Equal(gate, ids);
        // One neuron per class: GroupSum's scores are the neuron outputs.
        var network = new DiscreteNetwork(inputs, neurons, [new DiscreteLayer(inputs, a, b, ids)]);
        var (scores, _) = network.Predict(bits, samples);
        for (var s = 0; s < samples; s++)
            for (var n = 0; n < neurons; n++)
            {
                var expected = TruthTables[gate[n]][2 * bits[s * inputs + a[n]] + bits[s * inputs + b[n]]];
                Assert.Equal(expected, soft[s * neurons + n], 1e-5f);
                Assert.Equal(expected, scores[s * neurons + n]);
            }
    }
}
