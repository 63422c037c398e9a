namespace GateForge.Ir;

/// <summary>
/// The hardware input encoder as a netlist (what <c>&lt;d&gt;_enc.v</c> describes): input bus
/// <c>features</c> of 8 bits per feature, output bus <c>x</c> with bit j of feature f =
/// <c>feature &gt; T</c> for its thresholds in order (−1: always 1, 255: always 0). Used to size the
/// encoder; comparators with a constant operand fold in the builder.
/// </summary>
public static class ThermometerEncoder
{
    public const int FeatureBits = 8;

    /// <summary>The encoder alone; with <paramref name="keep"/>, only those bits of <c>x</c> (indices into the thresholds in order).</summary>
    public static Netlist Build(IReadOnlyList<int[]> thresholds, IReadOnlyList<int>? keep = null)
    {
        var b = new NetlistBuilder();
        var x = Add(b, b.AddInputBus("features", FeatureBits * thresholds.Count), thresholds);
        b.AddOutputBus(Names.Buses.Input, keep is null ? x : keep.Select(i => x[i]).ToArray());
        return b.Build();
    }

    /// <summary>Adds the comparators on <paramref name="features"/> and returns the encoded bits.</summary>
    public static int[] Add(NetlistBuilder b, ReadOnlySpan<int> features, IReadOnlyList<int[]> thresholds)
    {
        if (features.Length != FeatureBits * thresholds.Count)
            throw new ArgumentException($"{thresholds.Count} features need {FeatureBits * thresholds.Count} input bits, got {features.Length}");
        var x = new List<int>();
        for (var f = 0; f < thresholds.Count; f++)
        {
            var feature = features.Slice(FeatureBits * f, FeatureBits);
            foreach (var t in thresholds[f])
            {
                if (t is < -1 or > 255)
                    throw new ArgumentOutOfRangeException(nameof(thresholds), t, "an 8-bit threshold must be -1..255");
                if (t < 0)
                {
                    x.Add(Lit.True);
                    continue;
                }
                var constant = new int[FeatureBits];
                for (var i = 0; i < FeatureBits; i++)
                    constant[i] = ((t >> i) & 1) != 0 ? Lit.True : Lit.False;
                x.Add(HeadBuilder.GreaterThan(b, feature, constant));
            }
        }
        return [.. x];
    }
}
