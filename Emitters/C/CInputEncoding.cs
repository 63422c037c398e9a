using System.Globalization;
using System.Text;

namespace GateForge.Emitters.C;

/// <summary>
/// How one raw feature becomes input bits, for the C helper <c>&lt;d&gt;_encode</c> (the same rule as
/// the trained model's encoder, encoder.json): a thermometer (<see cref="Thresholds"/>, bit j =
/// value &gt; threshold j) or, when <see cref="Categories"/> is set, one-hot over the category
/// indices (bit c = value == c).
/// </summary>
public sealed record CFeatureEncoding(string Name, IReadOnlyList<float> Thresholds, int Categories = 0)
{
    public bool OneHot => Categories > 0;
    public int Bits => OneHot ? Categories : Thresholds.Count;
}

/// <summary>The tables and loop of <c>&lt;d&gt;_encode</c>, rendered into the C source.</summary>
internal static class CInputEncoding
{
    public static int Bits(IReadOnlyList<CFeatureEncoding> features) => features.Sum(f => f.Bits);

    /// <summary>Template variables: the per-feature bit counts and kinds, and every threshold as an exact C float.</summary>
    public static void AddVariables(Dictionary<string, object> variables, IReadOnlyList<CFeatureEncoding> features)
    {
        var thresholds = features.Where(f => !f.OneHot).SelectMany(f => f.Thresholds).ToList();
        variables["num_features"] = features.Count;
        variables["enc_counts"] = Table(features.Select(f => f.Bits.ToString(CultureInfo.InvariantCulture) + "u"));
        variables["enc_onehot"] = Table(features.Select(f => f.OneHot ? "1" : "0"));
        // An empty C array is not allowed: one unused entry when every feature is one-hot.
        variables["enc_thresholds"] = Table(thresholds.Count == 0 ? ["0.0f"] : thresholds.Select(Float));
    }

    /// <summary>A float literal that reads back as exactly <paramref name="v"/> (C99 hexadecimal floating constant).</summary>
    public static string Float(float v)
    {
        if (!float.IsFinite(v))
            throw new ArgumentException($"encoder threshold {v} is not finite");
        if (v == 0)
            return float.IsNegative(v) ? "-0.0f" : "0.0f";
        var bits = BitConverter.SingleToInt32Bits(v);
        var sign = bits < 0 ? "-" : "";
        var exponent = (bits >> 23) & 0xFF;
        var mantissa = bits & 0x7FFFFF;
        // normal: 1.m × 2^(e-127); subnormal: 0.m × 2^-126. The 23 mantissa bits shift to 24 for 6 hex digits.
        var lead = exponent == 0 ? 0 : 1;
        var power = exponent == 0 ? -126 : exponent - 127;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}0x{lead}.{mantissa << 1:x6}p{power:+0;-0}f");
    }

    private static string Table(IEnumerable<string> values)
    {
        var sb = new StringBuilder();
        var n = 0;
        foreach (var v in values)
        {
            sb.Append(n == 0 ? "    " : n % 8 == 0 ? ",\n    " : ", ").Append(v);
            n++;
        }
        return sb.ToString();
    }
}
