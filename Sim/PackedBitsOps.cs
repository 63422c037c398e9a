using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>Sample-range helpers on <see cref="PackedBits"/> that the simulators and the harness share.</summary>
public static class PackedBitsOps
{
    /// <summary>
    /// Copies samples [srcStart, srcStart+count) of the first <paramref name="rows"/> rows of
    /// <paramref name="src"/> to samples starting at <paramref name="dstStart"/> of <paramref name="dst"/>.
    /// Samples past the end of <paramref name="src"/> are left as they are in <paramref name="dst"/>.
    /// </summary>
    public static void CopySamples(PackedBits src, int srcStart, PackedBits dst, int dstStart, int count, int rows)
    {
        ArgumentNullException.ThrowIfNull(src);
        ArgumentNullException.ThrowIfNull(dst);
        count = Math.Min(count, src.Samples - srcStart);
        if (count <= 0)
            return;
        if (rows > src.Signals || rows > dst.Signals || dstStart + count > dst.Samples)
            throw new ArgumentException("sample copy out of range");
        if (srcStart % 64 == 0 && dstStart % 64 == 0)
        {
            var whole = count / 64;
            for (var r = 0; r < rows; r++)
            {
                src.Data.AsSpan((r * src.Words) + (srcStart / 64), whole).CopyTo(dst.Data.AsSpan((r * dst.Words) + (dstStart / 64), whole));
                for (var s = whole * 64; s < count; s++)
                    dst.Set(r, dstStart + s, src.Get(r, srcStart + s));
            }
            return;
        }
        for (var r = 0; r < rows; r++)
            for (var s = 0; s < count; s++)
                dst.Set(r, dstStart + s, src.Get(r, srcStart + s));
    }

    /// <summary>Samples [start, start+count) of every row as a new matrix.</summary>
    public static PackedBits Slice(PackedBits src, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(src);
        var result = new PackedBits(src.Signals, count);
        CopySamples(src, start, result, 0, count, src.Signals);
        return result;
    }

    /// <summary>Rows [first, first+count) as a new matrix with the same samples.</summary>
    public static PackedBits Rows(PackedBits src, int first, int count)
    {
        ArgumentNullException.ThrowIfNull(src);
        var result = new PackedBits(count, src.Samples);
        Array.Copy(src.Data, (long)first * src.Words, result.Data, 0, (long)count * src.Words);
        return result;
    }

    /// <summary>Index of the first sample where the two matrices differ (same shape), or -1.</summary>
    public static int FirstDifference(PackedBits a, PackedBits b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Signals != b.Signals || a.Samples != b.Samples)
            throw new ArgumentException($"cannot compare {a.Signals}×{a.Samples} with {b.Signals}×{b.Samples} bits");
        var first = int.MaxValue;
        for (var r = 0; r < a.Signals; r++)
        {
            var ra = a.Row(r);
            var rb = b.Row(r);
            for (var w = 0; w < ra.Length && w * 64 < first; w++)
            {
                var diff = ra[w] ^ rb[w];
                if (diff != 0)
                {
                    first = Math.Min(first, (w * 64) + System.Numerics.BitOperations.TrailingZeroCount(diff));
                    break;
                }
            }
        }
        // Bits past the last sample may differ (they are unspecified): they do not count.
        return first >= a.Samples ? -1 : first;
    }

    /// <summary>
    /// One sample's bits as hexadecimal, most significant digit first, bit 0 = row 0 (the order of
    /// the hex vector files in docs/ARCHITECTURE.md).
    /// </summary>
    public static string SampleHex(PackedBits bits, int sample, int firstRow = 0, int rows = -1)
    {
        ArgumentNullException.ThrowIfNull(bits);
        if (rows < 0)
            rows = bits.Signals - firstRow;
        var digits = Math.Max(1, (rows + 3) / 4);
        var chars = new char[digits];
        for (var d = 0; d < digits; d++)
        {
            var v = 0;
            for (var k = 0; k < 4; k++)
            {
                var r = (d * 4) + k;
                if (r < rows && bits.Get(firstRow + r, sample))
                    v |= 1 << k;
            }
            chars[digits - 1 - d] = "0123456789abcdef"[v];
        }
        return new string(chars);
    }
}
