using GateForge.Sim;

namespace GateForge.Ir.Tests;

/// <summary>Small hand-made and seeded netlists for the file-format tests (JSON, AIGER, dump, stats, hex).</summary>
internal static class IoSamples
{
    /// <summary>A 4-bit ripple-carry adder: inputs a[4], b[4]; output sum[5].</summary>
    public static Netlist Adder()
    {
        var b = new NetlistBuilder();
        var a = b.AddInputBus("a", 4);
        var y = b.AddInputBus("b", 4);
        var sum = new int[5];
        var carry = Lit.False;
        for (var i = 0; i < 4; i++)
        {
            sum[i] = b.Xor(b.Xor(a[i], y[i]), carry);
            carry = b.Maj(a[i], y[i], carry);
        }
        sum[4] = carry;
        b.AddOutputBus("sum", sum);
        b.SetAttribute("design", "adder4");
        return b.Build();
    }

    /// <summary>A tiny classifier: 6 input bits, one layer of 6 gates, a GroupSum head of 3 classes, one constraint.</summary>
    public static Netlist TinyHead()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 6);
        int[] gates = [1, 6, 7, 8, 14, 9];
        var layer = new int[6];
        for (var i = 0; i < 6; i++)
            layer[i] = b.Gate(gates[i], x[i], x[(i + 1) % 6]);
        HeadBuilder.AddGroupSumHead(b, layer, 3);
        b.SetAttribute("design", "tiny_head");
        b.AddConstraint(new InputConstraint("x", 5, false));
        return b.Build();
    }

    /// <summary>A 2-bit counter with enable and a valid register: latches with reset 0, 1 and none.</summary>
    public static Netlist Counter()
    {
        var b = new NetlistBuilder();
        var en = b.AddInputBus("en", 1)[0];
        var valid = b.AddInputBus("in_valid", 1)[0];
        var q0 = b.AddLatch(LatchInit.Zero);
        var q1 = b.AddLatch(LatchInit.One);
        var v = b.AddLatch(LatchInit.None);
        b.SetLatchNext(q0, b.Xor(q0, en));
        b.SetLatchNext(q1, b.Xor(q1, b.And(q0, en)));
        b.SetLatchNext(v, valid);
        b.AddOutputBus("count", [q0, q1]);
        b.AddOutputBus("out_valid", [v]);
        b.SetAttribute("pipeline.latency", "1");
        return b.Build();
    }

    /// <summary>A random DAG over inputs and latches (random reset values); latch next-states point anywhere.</summary>
    public static Netlist RandomSequential(int inputs, int gates, int latches, int outputs, int seed, double xorShare = 0.3)
    {
        var rng = new Random(seed);
        var b = new NetlistBuilder();
        var lits = new List<int>(b.AddInputBus("x", inputs));
        var latchLits = new int[latches];
        for (var k = 0; k < latches; k++)
        {
            latchLits[k] = b.AddLatch(rng.Next(3));
            lits.Add(latchLits[k]);
        }
        for (var i = 0; i < gates; i++)
        {
            var p = lits[rng.Next(lits.Count)] ^ rng.Next(2);
            var q = lits[rng.Next(lits.Count)] ^ rng.Next(2);
            lits.Add(rng.NextDouble() < xorShare ? b.Xor(p, q) : b.And(p, q));
        }
        foreach (var l in latchLits)
            b.SetLatchNext(l, lits[rng.Next(lits.Count)] ^ rng.Next(2));
        var outs = new int[outputs];
        for (var i = 0; i < outputs; i++)
            outs[i] = lits[lits.Count - 1 - rng.Next(Math.Min(lits.Count, gates))] ^ rng.Next(2);
        b.AddOutputBus("y", outs);
        b.AddOutputBus("z", [lits[^1], Lit.True, Lit.False]);
        b.AddConstraint(new InputConstraint("x", 0, true));
        b.SetAttribute("design", $"random_{seed}");
        b.SetAttribute("note", "line one\nline \"two\"\t\\ end");
        return b.Build();
    }

    /// <summary>
    /// Asserts the same outputs and latch next-states for random inputs and random latch states
    /// (one clock step from any state), which for equal latch order is sequential equivalence.
    /// </summary>
    public static void AssertSameSequential(Netlist expected, Netlist actual, int seed = 7)
    {
        Assert.Equal(expected.InputCount, actual.InputCount);
        Assert.Equal(expected.OutputCount, actual.OutputCount);
        Assert.Equal(expected.LatchCount, actual.LatchCount);
        const int Samples = 2000;
        var inputs = PackedBits.Random(expected.InputCount, Samples, seed);
        var state = PackedBits.Random(expected.LatchCount, Samples, seed + 1);
        foreach (var withState in new[] { false, true })
        {
            var s = withState ? state : null;
            var ev = CombEvaluator.EvaluateNodes(expected, inputs, s);
            var av = CombEvaluator.EvaluateNodes(actual, inputs, s);
            Assert.True(CombEvaluator.Literals(ev, expected.OutputLiterals()).RowsEqual(CombEvaluator.Literals(av, actual.OutputLiterals())),
                $"outputs differ (latch state {(withState ? "random" : "reset")})");
            Assert.True(CombEvaluator.Literals(ev, Nexts(expected)).RowsEqual(CombEvaluator.Literals(av, Nexts(actual))),
                $"latch next-states differ (latch state {(withState ? "random" : "reset")})");
        }
    }

    /// <summary>Latch reset values in latch order.</summary>
    public static int[] LatchInits(Netlist nl)
    {
        var inits = new int[nl.LatchCount];
        for (var k = 0; k < inits.Length; k++)
            inits[k] = nl.F1(nl.Latches[k]);
        return inits;
    }

    private static int[] Nexts(Netlist nl)
    {
        var nexts = new int[nl.LatchCount];
        for (var k = 0; k < nexts.Length; k++)
            nexts[k] = nl.F0(nl.Latches[k]);
        return nexts;
    }

    /// <summary>The folder of the malformed fixture files, beside this source file.</summary>
    public static string BadInputs([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.Combine(Path.GetDirectoryName(here)!, "bad-inputs");
}
