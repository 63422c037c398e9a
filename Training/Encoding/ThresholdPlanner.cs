using GateForge.Training.Data;

namespace GateForge.Training.Encoding;

/// <summary>Chooses thermometer thresholds for one feature from its training values.</summary>
internal static class ThresholdPlanner
{
    /// <summary>What the training data say about one feature.</summary>
    public readonly record struct FeatureStats(float Min, float Max, bool Integer)
    {
        public bool Bytes => Integer && Min >= 0 && Max <= 255;
    }

    /// <summary>Min, max and integrality of every feature, in one row-major pass.</summary>
    public static FeatureStats[] Stats(Dataset data)
    {
        var n = data.FeatureCount;
        var min = new float[n];
        var max = new float[n];
        var fractional = new bool[n];
        Array.Fill(min, float.PositiveInfinity);
        Array.Fill(max, float.NegativeInfinity);
        var values = data.Features;
        for (var r = 0; r < data.Count; r++)
        {
            var row = values.AsSpan(r * n, n);
            for (var f = 0; f < n; f++)
            {
                var v = row[f];
                if (!float.IsFinite(v))
                    throw new DataFormatException($"data set {data.Name}: feature {data.FeatureNames[f]} has a non-finite value in row {r}");
                if (v < min[f])
                    min[f] = v;
                if (v > max[f])
                    max[f] = v;
                fractional[f] |= v != MathF.Floor(v);
            }
        }
        var stats = new FeatureStats[n];
        for (var f = 0; f < n; f++)
            stats[f] = data.Count == 0 ? new FeatureStats(0, 0, true) : new FeatureStats(min[f], max[f], !fractional[f]);
        return stats;
    }

    /// <summary>Each feature's training values, sorted (a transposed copy, so columns are contiguous).</summary>
    public static float[][] SortedColumns(Dataset data, IReadOnlyList<int> features)
    {
        var columns = new float[features.Count][];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = new float[data.Count];
        var n = data.FeatureCount;
        for (var r = 0; r < data.Count; r++)
        {
            var row = data.Features.AsSpan(r * n, n);
            for (var i = 0; i < columns.Length; i++)
                columns[i][r] = row[features[i]];
        }
        foreach (var column in columns)
            Array.Sort(column);
        return columns;
    }

    /// <summary>t_j = min + (max − min)·(j + 1)/(bits + 1), computed in double.</summary>
    public static float[] Uniform(int bits, double min, double max)
    {
        var thresholds = new float[bits];
        for (var j = 0; j < bits; j++)
            thresholds[j] = (float)(min + (max - min) * (j + 1) / (bits + 1));
        return thresholds;
    }

    /// <summary>
    /// At the (j + 1)/(bits + 1) quantiles: the threshold lies halfway between the quantile's value v
    /// and the next larger value seen, so that [x &gt; t] splits the training values at v (or at v
    /// itself when nothing larger was seen: that bit is 0 on all training rows).
    /// </summary>
    public static float[] Quantile(float[] sorted, int bits)
    {
        var thresholds = new float[bits];
        if (sorted.Length == 0)
            return thresholds;
        for (var j = 0; j < bits; j++)
        {
            var rank = (int)Math.Round((double)(j + 1) / (bits + 1) * sorted.Length) - 1;
            rank = Math.Clamp(rank, 0, sorted.Length - 1);
            var v = sorted[rank];
            var next = UpperBound(sorted, v);
            thresholds[j] = next < sorted.Length ? Midpoint(v, sorted[next]) : v;
        }
        return thresholds;
    }

    /// <summary>
    /// For integer-valued features: floor(t), which gives the same bits on integer values
    /// ([v &gt; t] = [v &gt; floor(t)] for every integer v) and the exact 8-bit comparator constant.
    /// </summary>
    public static void SnapToIntegers(float[] thresholds)
    {
        for (var j = 0; j < thresholds.Length; j++)
            thresholds[j] = MathF.Floor(thresholds[j]);
    }

    private static float Midpoint(float a, float b)
    {
        var m = (float)(((double)a + b) / 2);
        // rounding may land on b for neighbouring floats: the threshold must stay below b
        return m < b ? m : a;
    }

    /// <summary>Index of the first element greater than <paramref name="v"/>.</summary>
    private static int UpperBound(float[] sorted, float v)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
