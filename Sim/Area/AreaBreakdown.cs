namespace GateForge.Sim.Area;

/// <summary>One part's cost: gates (AND + XOR), AND-equivalents (XOR = 3) and LUT6 when mapped.</summary>
public sealed record AreaPart(string Name, int Gates, long AndEquivalent, long? Lut6);

/// <summary>
/// Where a design's area goes (<see cref="AreaAttribution"/>): the parts in build order (the
/// encoder first when it is in hardware), and the LUT6 of the whole design mapped at once. Parts
/// are mapped alone, so ABC cannot merge logic across a part boundary: their LUTs add up to at
/// least the whole's, and <see cref="Lut6Excess"/> says by how much more.
/// </summary>
public sealed record AreaBreakdown(IReadOnlyList<AreaPart> Parts, long? Lut6OfWhole)
{
    public int Gates => Parts.Sum(p => p.Gates);
    public long AndEquivalent => Parts.Sum(p => p.AndEquivalent);

    /// <summary>The parts' LUT6 summed, null when any part was not mapped.</summary>
    public long? Lut6OfParts => Parts.All(p => p.Lut6 is not null) ? Parts.Sum(p => p.Lut6!.Value) : null;

    /// <summary>(Σ parts − whole) / whole, null without LUT figures.</summary>
    public double? Lut6Excess => Lut6OfParts is { } parts && Lut6OfWhole is { } whole && whole > 0
        ? (double)(parts - whole) / whole
        : null;

    /// <summary>The share (0..1) of the design's gates in <paramref name="parts"/>; the encoder, which sits in front of the design, is left out of the total.</summary>
    public double GateShare(params string[] parts)
    {
        var design = Parts.Where(p => p.Name != Ir.DesignParts.Encoder).Sum(p => p.Gates);
        return design == 0 ? 0 : (double)Parts.Where(p => parts.Contains(p.Name)).Sum(p => p.Gates) / design;
    }
}
