using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

public sealed class FastEvaluatorTests
{
    private static readonly int[] BatchSizes = [1, 63, 64, 65, 200, 511, 513, 1000, 4097];

    public static TheoryData<string> Shapes => ["wide", "deep", "dag", "all-xor", "head", "constants", "unused", "inputs-out"];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Equals_the_core_evaluator_on_every_batch_size(string shape)
    {
        var nl = Make(shape);
        var fast = new FastEvaluator(nl);
        var serial = new FastEvaluator(nl) { MaxDegreeOfParallelism = 1 };
        foreach (var samples in BatchSizes)
        {
            var inputs = PackedBits.Random(nl.InputCount, samples, samples);
            var expected = CombEvaluator.Evaluate(nl, inputs);
            AssertSame(expected, fast.Evaluate(inputs), $"{shape}, {samples} samples");
            AssertSame(expected, serial.Evaluate(inputs), $"{shape}, {samples} samples, one thread");
        }
    }

    [Fact]
    public void Equals_the_core_evaluator_on_many_random_netlists()
    {
        for (var seed = 0; seed < 30; seed++)
        {
            var rng = new Random(seed);
            var nl = seed % 2 == 0
                ? RandomNetlists.Dag(rng.Next(1, 40), rng.Next(0, 400), rng.Next(1, 20), seed, rng.NextDouble())
                : RandomNetlists.Layered(rng.Next(2, 40), [.. Enumerable.Range(0, rng.Next(1, 8)).Select(_ => rng.Next(1, 80))], seed);
            var inputs = PackedBits.Random(nl.InputCount, rng.Next(1, 3000), seed);
            AssertSame(CombEvaluator.Evaluate(nl, inputs), FastEvaluator.Evaluate(nl, inputs), $"seed {seed}");
        }
    }

    [Fact]
    public void Reads_latch_state_like_the_core_evaluator()
    {
        var (_, piped, _) = HandPipelines.Build(12, [40, 40, 30, 20], 1, seed: 5);
        foreach (var samples in new[] { 7, 130, 900 })
        {
            var inputs = PackedBits.Random(piped.InputCount, samples, 3);
            var state = PackedBits.Random(piped.LatchCount, samples, 4);
            var lits = new List<int>(piped.OutputLiterals());
            foreach (var l in piped.Latches)
                lits.Add(piped.F0(l));
            var expected = CombEvaluator.Literals(CombEvaluator.EvaluateNodes(piped, inputs, state), lits.ToArray());
            AssertSame(expected, new FastEvaluator(piped, lits.ToArray()).Evaluate(inputs, state), $"{samples} samples");
            // Without a state, latches read their reset values.
            AssertSame(CombEvaluator.Evaluate(piped, inputs), FastEvaluator.Evaluate(piped, inputs), $"{samples} samples, reset state");
        }
    }

    [Fact]
    public void Skips_gates_outside_the_output_cone_and_reuses_slots()
    {
        var nl = Make("unused");
        var fast = new FastEvaluator(nl);
        Assert.True(fast.GateCount < nl.GateCount);
        var wide = RandomNetlists.Layered(64, [256, 256, 256, 256, 256, 256], 9);
        Assert.True(new FastEvaluator(wide).SlotCount < wide.NodeCount / 2);
    }

    [Fact]
    public void Rejects_inputs_of_the_wrong_shape()
    {
        var nl = Make("wide");
        var ex = Assert.Throws<ArgumentException>(() => FastEvaluator.Evaluate(nl, new PackedBits(nl.InputCount + 1, 10)));
        Assert.Contains("inputs", ex.Message, StringComparison.Ordinal);
    }

    private static Netlist Make(string shape)
    {
        switch (shape)
        {
            case "wide":
                return RandomNetlists.Layered(64, [2000, 1000], 1);
            case "deep":
                return RandomNetlists.Layered(8, [.. Enumerable.Repeat(6, 300)], 2);
            case "dag":
                return RandomNetlists.Dag(30, 3000, 40, 3, 0.4);
            case "all-xor":
                return RandomNetlists.Dag(20, 500, 30, 4, xorShare: 1.0);
            case "head":
                return RandomNetlists.Layered(40, [400, 300], 5, headClasses: 10);
            case "constants":
                {
                    var b = new NetlistBuilder();
                    var x = b.AddInputBus("x", 5);
                    var g = b.Xor(b.And(x[0], Lit.Not(x[1])), x[2]);
                    b.AddOutputBus("y", [Lit.False, g, Lit.True, Lit.Not(g), b.And(x[3], Lit.Not(x[3])), Lit.Not(b.Or(x[4], x[0]))]);
                    return b.Build();
                }
            case "unused":
                {
                    var b = new NetlistBuilder();
                    var x = b.AddInputBus("x", 16);
                    var dead = x[0];
                    for (var i = 1; i < 16; i++)
                        dead = b.Xor(dead, b.And(x[i], dead));
                    var live = b.Or(b.And(x[1], Lit.Not(x[2])), x[3]);
                    b.AddOutputBus("y", [live, Lit.Not(live)]);
                    return b.Build();
                }
            default:
                {
                    var b = new NetlistBuilder();
                    var x = b.AddInputBus("x", 6);
                    b.AddOutputBus("y", [x[5], Lit.Not(x[0]), x[5], b.Nand(x[1], x[2])]);
                    return b.Build();
                }
        }
    }

    private static void AssertSame(PackedBits expected, PackedBits actual, string what)
    {
        Assert.Equal(expected.Signals, actual.Signals);
        Assert.Equal(expected.Samples, actual.Samples);
        var first = PackedBitsOps.FirstDifference(expected, actual);
        Assert.True(first < 0, $"{what}: first difference at sample {first}");
        Assert.True(expected.Data.AsSpan().SequenceEqual(actual.Data), $"{what}: tail bits differ");
    }
}
