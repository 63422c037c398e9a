using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>Helpers shared by the pass tests: the random corpus and equivalence under constraints and dropped inputs.</summary>
internal static class PassTestKit
{
    /// <summary>Random netlists: small ones (checked exhaustively) and wider ones (10,000 random vectors).</summary>
    public static IEnumerable<(string Name, Netlist Netlist)> Corpus()
    {
        for (var seed = 0; seed < 3; seed++)
        {
            yield return ($"dag8-{seed}", RandomNetlists.Dag(8, 150, 6, seed));
            yield return ($"dag16-{seed}", RandomNetlists.Dag(16, 400, 10, seed, xorShare: 0.5));
            yield return ($"dag40-{seed}", RandomNetlists.Dag(40, 600, 12, seed));
            yield return ($"layered12-{seed}", RandomNetlists.Layered(12, [60, 60, 40, 20], seed));
            yield return ($"layered-head-{seed}", RandomNetlists.Layered(30, [120, 120, 60], seed, headClasses: 3));
        }
        yield return ("and-chain", Chain(24, xor: false));
        yield return ("xor-chain", Chain(24, xor: true));
        yield return ("mixed-chain", MixedChain(20, 80));
    }

    /// <summary>x0 op x1 op ... op x(n-1) as a left-leaning chain of depth n-1.</summary>
    public static Netlist Chain(int n, bool xor)
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        var acc = x[0];
        for (var i = 1; i < n; i++)
            acc = xor ? b.Xor(acc, x[i]) : b.And(acc, x[i]);
        b.AddOutputBus("y", [acc]);
        return b.Build();
    }

    /// <summary>A deep chain that alternates runs of AND and XOR, with inversions and constants mixed in.</summary>
    public static Netlist MixedChain(int inputs, int length)
    {
        var rng = new Random(7);
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", inputs);
        var acc = x[0];
        var outs = new List<int>();
        for (var i = 1; i < length; i++)
        {
            var leaf = x[rng.Next(inputs)] ^ rng.Next(2);
            acc = (i / 5 % 2 == 0) ? b.And(acc, leaf) : b.Xor(acc, leaf);
            if (i % 17 == 0)
                acc ^= 1;
            if (i % 23 == 0)
                outs.Add(acc);
        }
        outs.Add(acc);
        outs.Add(Lit.True);
        b.AddOutputBus("y", outs.ToArray());
        return b.Build();
    }

    /// <summary>Input vectors for <paramref name="nl"/> (exhaustive up to 16 inputs) with <paramref name="constraints"/> applied.</summary>
    public static PackedBits Vectors(Netlist nl, IEnumerable<InputConstraint> constraints, int seed = 1)
    {
        var v = Equivalence.Vectors(nl.InputCount, seed);
        foreach (var c in constraints)
        {
            var row = v.Row(nl.InputOffset(c.Bus) + c.Bit);
            row.Fill(c.Value ? ulong.MaxValue : 0);
            if (c.Value && v.Samples % 64 != 0)
                row[^1] = (1UL << (v.Samples % 64)) - 1;
        }
        return v;
    }

    /// <summary>
    /// Asserts <paramref name="after"/> computes what <paramref name="before"/> (a netlist with no
    /// dropped inputs) does, on vectors that respect <paramref name="after"/>'s constraints, mapping
    /// the input bits that dce(inputs) dropped.
    /// </summary>
    public static void AssertEquivalent(Netlist before, Netlist after, string what)
    {
        Assert.Empty(DroppedInputs.DroppedBuses(before));
        var vectors = Vectors(before, DroppedInputs.OriginalConstraints(after));
        var projected = before.InputCount == after.InputCount ? vectors : DroppedInputs.Project(before, after, vectors);
        Equivalence.AssertSameOutputs(before, vectors, after, projected, what);
    }

    /// <summary>Runs one pipeline with verification on and checks equivalence with the input.</summary>
    public static Netlist RunChecked(Netlist nl, string pipeline, string name, PassContext? context = null)
    {
        var result = new PassManager(context) { VerifyEachPass = true }.Run(nl, pipeline).Final;
        AssertEquivalent(nl, result, $"{pipeline} on {name}");
        return result;
    }

    /// <summary>A small hand-made netlist with a bit of everything: sharing, constants, a dead gate, a chain.</summary>
    public static Netlist HandMade()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 5);
        var a = b.And(x[0], x[1]);
        var c = b.And(a, x[2]);
        var d = b.And(c, x[3]);
        _ = b.Xor(x[3], x[4]); // dead
        var e = b.Xor(b.Xor(x[0], x[2]), x[4]);
        var f = b.Or(d, Lit.Not(e));
        b.AddOutputBus("y", [f, a, b.And(x[4], x[0])]);
        b.SetAttribute("design", "handmade");
        return b.Build();
    }
}
