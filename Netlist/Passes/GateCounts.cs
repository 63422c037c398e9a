namespace GateForge.Ir.Passes;

/// <summary>Cheap size figures the pass manager logs for every pass.</summary>
public static class GateCounts
{
    /// <summary>And plus Xor nodes.</summary>
    public static int Gates(Netlist nl)
    {
        var n = 0;
        foreach (var k in nl.Kinds)
            if (k is NodeKind.And or NodeKind.Xor)
                n++;
        return n;
    }

    /// <summary>Two-input ANDs after expanding each XOR into three (the AIGER cost).</summary>
    public static long AndEquivalent(Netlist nl)
    {
        long n = 0;
        foreach (var k in nl.Kinds)
            n += k switch { NodeKind.And => 1, NodeKind.Xor => 3, _ => 0 };
        return n;
    }

    internal static SortedDictionary<string, long> NewCounts() => new(StringComparer.Ordinal);
}
