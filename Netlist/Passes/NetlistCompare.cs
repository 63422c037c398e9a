namespace GateForge.Ir.Passes;

/// <summary>Structural identity of two netlists, used to tell whether a pass changed anything.</summary>
public static class NetlistCompare
{
    /// <summary>True when both have the same nodes, latches, buses, constraints and attributes.</summary>
    public static bool SameStructure(Netlist a, Netlist b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a.NodeCount != b.NodeCount
            || !a.Kinds.SequenceEqual(b.Kinds)
            || !a.Fanin0.SequenceEqual(b.Fanin0)
            || !a.Fanin1.SequenceEqual(b.Fanin1)
            || !a.Latches.SequenceEqual(b.Latches)
            || !SameBuses(a.InputBuses, b.InputBuses)
            || !SameBuses(a.OutputBuses, b.OutputBuses)
            || !a.Constraints.SequenceEqual(b.Constraints)
            || a.Attributes.Count != b.Attributes.Count)
            return false;
        foreach (var (key, value) in a.Attributes)
            if (b.Attribute(key) != value)
                return false;
        return true;
    }

    private static bool SameBuses(IReadOnlyList<Bus> a, IReadOnlyList<Bus> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
            if (a[i].Name != b[i].Name || !a[i].Bits.AsSpan().SequenceEqual(b[i].Bits))
                return false;
        return true;
    }
}
