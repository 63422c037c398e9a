namespace GateForge.Ir.Passes;

/// <summary>
/// <c>dce</c>: dead-code elimination. Keeps the gates that an output or a latch input reaches (all
/// latches are kept); with <c>inputs</c> also drops input bits that nothing reads, recording which
/// (see <see cref="DroppedInputs"/>), since their buses then get narrower.
/// </summary>
public sealed class DcePass : Pass
{
    public DcePass(bool dropUnusedInputs = false)
    {
        DropUnusedInputs = dropUnusedInputs;
    }

    public bool DropUnusedInputs { get; }

    public override string Name => "dce";
    public override string Summary => "drop gates no output or latch reaches; optionally unused inputs";
    public override string Help => """
        dce [(inputs)]

        Marks every node that an output or a latch's next-state input reaches and rebuilds
        the netlist from the marked gates only. Latches are always kept.

        inputs   also drop input bits that nothing reads. Buses get narrower (a bus with no
                 bit left disappears); the attributes dce.width.<bus> (original width) and
                 dce.dropped.<bus> (original indices of the dropped bits, like "0-3,9") record
                 what was dropped, and constraints on kept bits are renumbered. Emitters, test
                 vectors and equivalence checks map bits back with DroppedInputs.
        """;

    public static DcePass FromOptions(PassOptions options)
    {
        var inputs = options.GetBool("inputs", false);
        options.RejectUnknown();
        return new DcePass(inputs);
    }

    public override PassResult Run(Netlist input, PassContext context)
    {
        var live = MarkLive(input);
        var b = new NetlistBuilder(input.NodeCount + 16);
        var map = new int[input.NodeCount];
        var droppedBits = 0;
        var newBitIndex = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var bus in input.InputBuses)
        {
            var keep = new List<int>(bus.Width);
            for (var i = 0; i < bus.Width; i++)
                if (!DropUnusedInputs || live[Lit.Node(bus.Bits[i])])
                    keep.Add(i);
            droppedBits += bus.Width - keep.Count;
            var index = Enumerable.Repeat(-1, bus.Width).ToArray();
            if (keep.Count > 0)
            {
                var bits = b.AddInputBus(bus.Name, keep.Count);
                for (var k = 0; k < keep.Count; k++)
                {
                    map[Lit.Node(bus.Bits[keep[k]])] = bits[k];
                    index[keep[k]] = k;
                }
            }
            newBitIndex[bus.Name] = index;
        }
        foreach (var latch in input.Latches)
            map[latch] = b.AddLatch(input.F1(latch));
        foreach (var c in input.Constraints)
        {
            var k = newBitIndex[c.Bus][c.Bit];
            if (k >= 0)
                b.AddConstraint(c with { Bit = k });
        }
        foreach (var (key, value) in input.Attributes)
            b.SetAttribute(key, value);
        if (droppedBits > 0)
            DroppedInputs.Record(b, input, newBitIndex);

        var kinds = input.Kinds;
        var f0 = input.Fanin0;
        var f1 = input.Fanin1;
        var dropped = 0;
        for (var i = 1; i < kinds.Length; i++)
        {
            if (kinds[i] is not (NodeKind.And or NodeKind.Xor))
                continue;
            if (!live[i])
            {
                dropped++;
                continue;
            }
            var a = NetlistBuilder.MapLit(map, f0[i]);
            var c = NetlistBuilder.MapLit(map, f1[i]);
            map[i] = kinds[i] == NodeKind.And ? b.And(a, c) : b.Xor(a, c);
        }
        var result = b.FinishFrom(input, map);
        var counts = PassResult.NewCounts();
        counts["gates_dropped"] = dropped;
        counts["inputs_dropped"] = droppedBits;
        return new PassResult(result, !NetlistCompare.SameStructure(input, result), counts);
    }

    /// <summary>Nodes that an output or a latch input reaches (latches and their inputs always).</summary>
    public static bool[] MarkLive(Netlist nl)
    {
        var live = new bool[nl.NodeCount];
        foreach (var bus in nl.OutputBuses)
            foreach (var lit in bus.Bits)
                live[Lit.Node(lit)] = true;
        foreach (var latch in nl.Latches)
        {
            live[latch] = true;
            live[Lit.Node(nl.F0(latch))] = true;
        }
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        for (var i = kinds.Length - 1; i > 0; i--)
        {
            if (!live[i] || kinds[i] is not (NodeKind.And or NodeKind.Xor))
                continue;
            live[f0[i] >> 1] = true;
            live[f1[i] >> 1] = true;
        }
        return live;
    }
}
