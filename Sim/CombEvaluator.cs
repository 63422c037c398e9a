using System.Numerics;
using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>
/// The core evaluator: runs a netlist on many samples at once, one linear scan over the nodes, each
/// node's value a row of 64-sample words (the <see cref="PackedBits"/> layout, one row per node).
/// Latches read their current state from <paramref name="latchState"/> (or their reset value), so
/// one call is one clock cycle's combinational settle. It is the reference every test compares
/// against; faster engines must match it bit for bit. Bits past the last sample in a node row are
/// unspecified (inverted fanins set them); <see cref="Literals"/> clears them in what it returns.
/// </summary>
public static class CombEvaluator
{
    /// <summary>Evaluates every node; returns a nodes × samples matrix.</summary>
    public static PackedBits EvaluateNodes(Netlist nl, PackedBits inputs, PackedBits? latchState = null)
    {
        if (inputs.Signals != nl.InputCount)
            throw new ArgumentException($"netlist has {nl.InputCount} inputs but {inputs.Signals} input rows were given");
        if (latchState is not null && (latchState.Signals != nl.LatchCount || latchState.Samples != inputs.Samples))
            throw new ArgumentException("latch state does not match the netlist's latches or the sample count");
        var words = inputs.Words;
        var values = new PackedBits(nl.NodeCount, inputs.Samples);
        var data = values.Data;
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var latchIndex = 0;
        var tailMask = inputs.Samples % 64 == 0 ? ulong.MaxValue : (1UL << (inputs.Samples % 64)) - 1;
        for (var node = 1; node < kinds.Length; node++)
        {
            var dst = data.AsSpan(node * words, words);
            switch (kinds[node])
            {
                case NodeKind.Input:
                    inputs.Row(f0[node]).CopyTo(dst);
                    break;
                case NodeKind.Latch:
                    if (latchState is not null)
                        latchState.Row(latchIndex).CopyTo(dst);
                    else if (f1[node] == LatchInit.One)
                        Fill(dst, tailMask);
                    latchIndex++;
                    break;
                case NodeKind.And:
                    And(dst, Row(data, f0[node], words), Mask(f0[node]), Row(data, f1[node], words), Mask(f1[node]));
                    break;
                case NodeKind.Xor:
                    Xor(dst, Row(data, f0[node], words), Row(data, f1[node], words));
                    break;
            }
        }
        return values;
    }

    /// <summary>Values of the given literals (for example an output bus) from a node matrix.</summary>
    public static PackedBits Literals(PackedBits nodeValues, ReadOnlySpan<int> lits)
    {
        var result = new PackedBits(lits.Length, nodeValues.Samples);
        var words = nodeValues.Words;
        var tailMask = nodeValues.Samples % 64 == 0 ? ulong.MaxValue : (1UL << (nodeValues.Samples % 64)) - 1;
        for (var i = 0; i < lits.Length; i++)
        {
            var src = nodeValues.Row(Lit.Node(lits[i]));
            var dst = result.Row(i);
            var flip = Mask(lits[i]);
            for (var w = 0; w < words; w++)
                dst[w] = src[w] ^ flip;
            if (words > 0)
                dst[words - 1] &= tailMask;
        }
        return result;
    }

    /// <summary>Evaluates and returns all outputs (the output buses concatenated).</summary>
    public static PackedBits Evaluate(Netlist nl, PackedBits inputs, PackedBits? latchState = null) =>
        Literals(EvaluateNodes(nl, inputs, latchState), nl.OutputLiterals());

    /// <summary>Reads one output bus of one sample from the result of <see cref="Evaluate"/>.</summary>
    public static ulong ReadOutputBus(Netlist nl, PackedBits outputs, string bus, int sample)
    {
        var offset = 0;
        foreach (var b in nl.OutputBuses)
        {
            if (b.Name == bus)
                return outputs.ReadUInt(offset, b.Width, sample);
            offset += b.Width;
        }
        throw new KeyNotFoundException($"netlist has no output bus '{bus}'");
    }

    private static ReadOnlySpan<ulong> Row(ulong[] data, int lit, int words) => data.AsSpan((lit >> 1) * words, words);

    private static ulong Mask(int lit) => (lit & 1) != 0 ? ulong.MaxValue : 0UL;

    private static void Fill(Span<ulong> dst, ulong tailMask)
    {
        dst.Fill(ulong.MaxValue);
        if (dst.Length > 0)
            dst[^1] &= tailMask;
    }

    private static void And(Span<ulong> dst, ReadOnlySpan<ulong> a, ulong ma, ReadOnlySpan<ulong> b, ulong mb)
    {
        var w = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<ulong>.Count)
        {
            var va = new Vector<ulong>(ma);
            var vb = new Vector<ulong>(mb);
            for (; w <= dst.Length - Vector<ulong>.Count; w += Vector<ulong>.Count)
                ((new Vector<ulong>(a[w..]) ^ va) & (new Vector<ulong>(b[w..]) ^ vb)).CopyTo(dst[w..]);
        }
        for (; w < dst.Length; w++)
            dst[w] = (a[w] ^ ma) & (b[w] ^ mb);
    }

    private static void Xor(Span<ulong> dst, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        var w = 0;
        if (Vector.IsHardwareAccelerated && dst.Length >= Vector<ulong>.Count)
        {
            for (; w <= dst.Length - Vector<ulong>.Count; w += Vector<ulong>.Count)
                (new Vector<ulong>(a[w..]) ^ new Vector<ulong>(b[w..])).CopyTo(dst[w..]);
        }
        for (; w < dst.Length; w++)
            dst[w] = a[w] ^ b[w];
    }
}
