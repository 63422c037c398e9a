using GateForge.Ir;

namespace GateForge.Training.Freeze;

/// <summary>
/// A minimal bit-parallel evaluator of a combinational netlist, so that freezing can check its own
/// result without a dependency on GateForge.Sim. Output rows are the output buses concatenated.
/// </summary>
internal static class NetlistCheck
{
    public static PackedBits Evaluate(Netlist netlist, PackedBits inputs)
    {
        if (netlist.LatchCount != 0)
            throw new ArgumentException("the freeze check evaluates combinational netlists only", nameof(netlist));
        if (inputs.Signals != netlist.InputCount)
            throw new ArgumentException($"expected {netlist.InputCount} input rows, got {inputs.Signals}", nameof(inputs));
        var words = inputs.Words;
        var values = new ulong[(long)netlist.NodeCount * words];
        var kinds = netlist.Kinds;
        var f0 = netlist.Fanin0;
        var f1 = netlist.Fanin1;
        for (var node = 1; node < kinds.Length; node++)
        {
            var o = (long)node * words;
            switch (kinds[node])
            {
                case NodeKind.Input:
                    inputs.Row(f0[node]).CopyTo(values.AsSpan((int)o, words));
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
        var outputs = netlist.OutputLiterals();
        var result = new PackedBits(outputs.Length, inputs.Samples);
        var tail = inputs.Samples % 64 == 0 ? ulong.MaxValue : (1UL << (inputs.Samples % 64)) - 1;
        for (var i = 0; i < outputs.Length; i++)
        {
            var src = (long)Lit.Node(outputs[i]) * words;
            var invert = Lit.IsInverted(outputs[i]) ? ulong.MaxValue : 0UL;
            var row = result.Row(i);
            for (var w = 0; w < words; w++)
                row[w] = (values[src + w] ^ invert) & (w == words - 1 ? tail : ulong.MaxValue);
        }
        return result;
    }
}
