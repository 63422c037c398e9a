using GateForge.Ir;
using GateForge.Sim;
using Xunit;

namespace GateForge.TestKit;

/// <summary>Simulation-based equivalence for tests, through the core evaluator.</summary>
public static class Equivalence
{
    /// <summary>Exhaustive for up to 16 inputs, else 10,000 seeded random vectors.</summary>
    public static PackedBits Vectors(int inputs, int seed = 1) =>
        inputs <= 16 ? PackedBits.Exhaustive(inputs) : PackedBits.Random(inputs, 10_000, seed);

    /// <summary>Asserts both netlists give the same outputs (buses concatenated) on <see cref="Vectors"/>.</summary>
    public static void AssertSame(Netlist expected, Netlist actual, int seed = 1)
    {
        Assert.Equal(expected.InputCount, actual.InputCount);
        Assert.Equal(expected.OutputCount, actual.OutputCount);
        var vectors = Vectors(expected.InputCount, seed);
        var a = CombEvaluator.Evaluate(expected, vectors);
        var b = CombEvaluator.Evaluate(actual, vectors);
        for (var o = 0; o < a.Signals; o++)
        {
            if (a.Row(o).SequenceEqual(b.Row(o)))
                continue;
            for (var s = 0; s < a.Samples; s++)
                if (a.Get(o, s) != b.Get(o, s))
                    Assert.Fail($"output bit {o} differs on vector {s}: expected {a.Get(o, s)}, got {b.Get(o, s)}");
        }
    }
}
