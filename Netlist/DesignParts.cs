using System.Globalization;

namespace GateForge.Ir;

/// <summary>
/// The parts of a design as it was built (the input encoder, each layer, the popcounts, the
/// argmax), recorded by the builder's caller as the first node id of each part in the attribute
/// <c>built.parts</c> (<c>layer1:785 layer2:8785 … popcount:40785 argmax:80120</c>). Node ids are
/// those of the netlist as built (for a trained design, <c>netlist.orig.json</c>): passes copy
/// attributes unchanged but renumber nodes, so on an optimised netlist the ids are stale, and
/// <c>Sim.Area.AreaAttribution</c> carries the parts onto it by the functions its nodes compute. A node that structural hashing shares belongs to the part that made
/// it first.
/// </summary>
public static class DesignParts
{
    public const string AttributeKey = Names.Attributes.BuiltParts;
    public const string Popcount = "popcount";
    public const string Argmax = "argmax";
    public const string Encoder = "encoder";
    /// <summary>The gates built before the first recorded part (a netlist whose caller marked only the head).</summary>
    public const string Logic = "logic";

    /// <summary>Nodes appended from now on belong to <paramref name="part"/> (until the next call).</summary>
    public static void Begin(NetlistBuilder b, string part)
    {
        if (part.Length == 0 || part.Any(ch => ch is ' ' or ':'))
            throw new ArgumentException($"part name '{part}' must be non-empty without spaces or colons", nameof(part));
        var entry = part + ":" + b.NodeCount.ToString(CultureInfo.InvariantCulture);
        var existing = b.Attribute(AttributeKey);
        b.SetAttribute(AttributeKey, string.IsNullOrEmpty(existing) ? entry : existing + " " + entry);
    }

    /// <summary>
    /// The recorded parts in build order, led by <see cref="Logic"/> when gates precede the first;
    /// an empty list when the netlist records none or they do not parse.
    /// </summary>
    public static IReadOnlyList<(string Name, int FirstNode)> Read(Netlist nl)
    {
        var text = nl.Attribute(AttributeKey);
        var parts = new List<(string Name, int FirstNode)>();
        if (string.IsNullOrEmpty(text))
            return parts;
        var last = 0;
        foreach (var entry in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || first < last || first > nl.NodeCount)
                return [];
            parts.Add((entry[..colon], first));
            last = first;
        }
        if (parts.Count > 0)
            for (var node = 1; node < parts[0].FirstNode; node++)
                if (nl.Kind(node) is NodeKind.And or NodeKind.Xor)
                {
                    parts.Insert(0, (Logic, node));
                    break;
                }
        return parts;
    }

    /// <summary>
    /// The part index (into <see cref="Read"/>) of every node, −1 for nodes before the first part
    /// (constant and inputs).
    /// </summary>
    public static int[] PartOfNodes(Netlist nl, IReadOnlyList<(string Name, int FirstNode)> parts)
    {
        var partOf = new int[nl.NodeCount];
        var p = -1;
        for (var node = 0; node < partOf.Length; node++)
        {
            while (p + 1 < parts.Count && parts[p + 1].FirstNode <= node)
                p++;
            partOf[node] = p;
        }
        return partOf;
    }
}
