using GateForge.Ir;

namespace GateForge.Training.Freeze;

/// <summary>
/// A minimal bit-parallel evaluator of a netlist, so that freezing can check its own result without
/// a dependency on GateForge.Sim: combinational (<see cref="Evaluate"/>) or one clock cycle of a
/// sequential netlist (<see cref="Stepper"/>: latches hold their reset value at the start, as in
/// Sim's CycleSimulator; every latch of a frozen recurrent design resets to 0). Output rows are the
/// output buses concatenated.
/// </summary>
internal static class NetlistCheck
{
    public static PackedBits Evaluate(Netlist netlist, PackedBits inputs)
    {
        if (netlist.LatchCount != 0)
            throw new ArgumentException("the freeze check evaluates combinational netlists only", nameof(netlist));
        return Read(netlist, Values(netlist, inputs, null), netlist.OutputLiterals(), inputs.Samples);
    }

    /// <summary>A clock function for <see cref="Ir.Sequences.SequenceDriver"/> over <paramref name="streams"/> streams.</summary>
    public static Ir.Sequences.SequenceDriver.Clock Stepper(Netlist netlist, int streams)
    {
        var state = new PackedBits(netlist.LatchCount, streams);
        for (var i = 0; i < netlist.LatchCount; i++)
            if (netlist.F1(netlist.Latches[i]) == LatchInit.One)
                for (var s = 0; s < streams; s++)
                    state.Set(i, s, true);
        var outputs = netlist.OutputLiterals();
        var next = new int[netlist.LatchCount];
        for (var i = 0; i < next.Length; i++)
            next[i] = netlist.F0(netlist.Latches[i]);
        return inputs =>
        {
            var values = Values(netlist, inputs, state);
            var result = Read(netlist, values, outputs, streams);
            state = Read(netlist, values, next, streams);
            return result;
        };
    }

    private static ulong[] Values(Netlist netlist, PackedBits inputs, PackedBits? latches)
    {
        if (inputs.Signals != netlist.InputCount)
            throw new ArgumentException($"expected {netlist.InputCount} input rows, got {inputs.Signals}", nameof(inputs));
        var words = inputs.Words;
        var values = new ulong[(long)netlist.NodeCount * words];
        var kinds = netlist.Kinds;
        var f0 = netlist.Fanin0;
        var f1 = netlist.Fanin1;
        var latchRow = new int[netlist.NodeCount];
        for (var i = 0; i < netlist.LatchCount; i++)
            latchRow[netlist.Latches[i]] = i;
        for (var node = 1; node < kinds.Length; node++)
        {
            var o = (long)node * words;
            switch (kinds[node])
            {
                case NodeKind.Input:
                    inputs.Row(f0[node]).CopyTo(values.AsSpan((int)o, words));
                    break;
                case NodeKind.Latch:
                    latches!.Row(latchRow[node]).CopyTo(values.AsSpan((int)o, words));
                    break;
                case NodeKind.And:
                case NodeKind.Xor:
                    {
                        var a = (long)Lit.Node(f0[node]) * words;
                        var b = (long)Lit.Node(f1[node]) * words;
                        var ma = Lit.IsInverted(f0[node]) ? ulong.MaxValue : 0UL;
                        var mb = Lit.IsInverted(f1[node]) ? ulong.MaxValue : 0UL;
                        var isAnd = kinds[node] == NodeKind.And;
                        for (var w = 0; w < words; w++)
                        {
                            var x = values[a + w] ^ ma;
                            var y = values[b + w] ^ mb;
                            values[o + w] = isAnd ? x & y : x ^ y;
                        }
                        break;
                    }
            }
        }
        return values;
    }

    private static PackedBits Read(Netlist netlist, ulong[] values, int[] literals, int samples)
    {
        var result = new PackedBits(literals.Length, samples);
        var words = result.Words;
        var tail = samples % 64 == 0 ? ulong.MaxValue : (1UL << (samples % 64)) - 1;
        for (var i = 0; i < literals.Length; i++)
        {
            var src = (long)Lit.Node(literals[i]) * words;
            var invert = Lit.IsInverted(literals[i]) ? ulong.MaxValue : 0UL;
            var row = result.Row(i);
            for (var w = 0; w < words; w++)
                row[w] = (values[src + w] ^ invert) & (w == words - 1 ? tail : ulong.MaxValue);
        }
        return result;
    }
}
