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
        var vectors = Vectors(expected.InputCount, seed);
        AssertSameOutputs(expected, vectors, actual, vectors, "netlists");
    }

    /// <summary>
    /// Asserts <paramref name="a"/> on <paramref name="va"/> and <paramref name="b"/> on
    /// <paramref name="vb"/> (the same samples, possibly with different input layouts) give the same
    /// outputs; the failure names <paramref name="what"/>, the output bit and the vector.
    /// </summary>
    public static void AssertSameOutputs(Netlist a, PackedBits va, Netlist b, PackedBits vb, string what)
    {
        Assert.Equal(a.OutputCount, b.OutputCount);
        var oa = CombEvaluator.Evaluate(a, va);
        var ob = CombEvaluator.Evaluate(b, vb);
        for (var o = 0; o < oa.Signals; o++)
        {
            if (oa.Row(o).SequenceEqual(ob.Row(o)))
                continue;
            for (var s = 0; s < oa.Samples; s++)
                if (oa.Get(o, s) != ob.Get(o, s))
                    Assert.Fail($"{what}: output bit {o} differs on vector {s}: expected {oa.Get(o, s)}, got {ob.Get(o, s)}");
        }
    }
}
