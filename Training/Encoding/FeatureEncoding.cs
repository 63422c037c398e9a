namespace GateForge.Training.Encoding;

/// <summary>How one raw feature becomes bits.</summary>
public enum FeatureEncodingKind
{
    /// <summary>Bit j = [value &gt; Thresholds[j]].</summary>
    Thermometer,

    /// <summary>Bit c = [value = c] for category index c.</summary>
    OneHot,
}

/// <summary>
/// The encoding of one feature: a thermometer code (thresholds; one threshold is plain
/// binarisation) or a one-hot code over categories.
/// </summary>
public sealed class FeatureEncoding
{
    private FeatureEncoding(string name, FeatureEncodingKind kind, float[] thresholds, string[] categories, bool byteInput)
    {
        ArgumentNullException.ThrowIfNull(name);
        (Name, Kind, Thresholds, Categories, ByteInput) = (name, kind, thresholds, categories, byteInput);
    }

    /// <summary>The feature's name, used in bit names (<c>px[12]&gt;127</c>).</summary>
    public string Name { get; }

    public FeatureEncodingKind Kind { get; }

    /// <summary>Thermometer thresholds (non-decreasing); empty for one-hot.</summary>
    public float[] Thresholds { get; }

    /// <summary>One-hot category names (index = stored value); empty for a thermometer.</summary>
    public string[] Categories { get; }

    /// <summary>
    /// True when the feature's values are unsigned bytes (integers 0..255), so that an 8-bit
    /// hardware comparator sees exactly the value the software compares.
    /// </summary>
    public bool ByteInput { get; }

    /// <summary>Bits this feature contributes.</summary>
    public int BitCount => Kind == FeatureEncodingKind.Thermometer ? Thresholds.Length : Categories.Length;

    /// <summary>A thermometer code; the thresholds must be finite and non-decreasing.</summary>
    public static FeatureEncoding Thermometer(string name, float[] thresholds, bool byteInput = false)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (thresholds.Length == 0)
            throw new ArgumentException($"feature {name}: a thermometer needs at least one threshold", nameof(thresholds));
        for (var j = 0; j < thresholds.Length; j++)
        {
            if (!float.IsFinite(thresholds[j]))
                throw new ArgumentException($"feature {name}: threshold {j} is not a finite number", nameof(thresholds));
            if (j > 0 && thresholds[j] < thresholds[j - 1])
                throw new ArgumentException($"feature {name}: thresholds must be non-decreasing ({thresholds[j - 1]} before {thresholds[j]})", nameof(thresholds));
        }
        return new FeatureEncoding(name, FeatureEncodingKind.Thermometer, (float[])thresholds.Clone(), [], byteInput);
    }

    /// <summary>A one-hot code over the given categories.</summary>
    public static FeatureEncoding OneHot(string name, string[] categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Length == 0)
            throw new ArgumentException($"feature {name}: a one-hot code needs at least one category", nameof(categories));
        return new FeatureEncoding(name, FeatureEncodingKind.OneHot, [], (string[])categories.Clone(), false);
    }
}
