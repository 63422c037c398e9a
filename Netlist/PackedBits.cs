namespace GateForge.Ir;

/// <summary>
/// A signals × samples bit matrix, one row per signal, 64 samples per word: bit (s mod 64) of word
/// <c>Data[signal*Words + s/64]</c> is the value of that signal in sample s. This is the layout every
/// evaluator in GateForge reads and writes. Bits past <see cref="Samples"/> in the last word are 0.
/// </summary>
public sealed class PackedBits
{
    public PackedBits(int signals, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(signals);
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        Signals = signals;
        Samples = samples;
        Words = (samples + 63) / 64;
        Data = new ulong[(long)signals * Words];
    }

    public int Signals { get; }
    public int Samples { get; }
    public int Words { get; }
    public ulong[] Data { get; }

    public Span<ulong> Row(int signal) => Data.AsSpan(signal * Words, Words);

    public bool Get(int signal, int sample) => ((Data[(long)signal * Words + (sample >> 6)] >> (sample & 63)) & 1) != 0;

    public void Set(int signal, int sample, bool value)
    {
        ref var w = ref Data[(long)signal * Words + (sample >> 6)];
        var m = 1UL << (sample & 63);
        w = value ? w | m : w & ~m;
    }

    /// <summary>Reads signals [first, first+width) of one sample as an unsigned integer, LSB first.</summary>
    public ulong ReadUInt(int first, int width, int sample)
    {
        ulong v = 0;
        for (var i = 0; i < width; i++)
            if (Get(first + i, sample))
                v |= 1UL << i;
        return v;
    }

    public void WriteUInt(int first, int width, int sample, ulong value)
    {
        for (var i = 0; i < width; i++)
            Set(first + i, sample, ((value >> i) & 1) != 0);
    }

    /// <summary>Packs samples given as one bool array each (sample-major).</summary>
    public static PackedBits FromSamples(IReadOnlyList<bool[]> samples, int signals)
    {
        var p = new PackedBits(signals, samples.Count);
        for (var s = 0; s < samples.Count; s++)
        {
            var row = samples[s];
            if (row.Length != signals)
                throw new ArgumentException($"sample {s} has {row.Length} bits, expected {signals}");
            for (var i = 0; i < signals; i++)
                if (row[i])
                    p.Set(i, s, true);
        }
        return p;
    }

    /// <summary>Uniformly random bits from a seeded generator (deterministic).</summary>
    public static PackedBits Random(int signals, int samples, int seed)
    {
        var p = new PackedBits(signals, samples);
        var rng = new Random(seed);
        var words = p.Words;
        var tailMask = samples % 64 == 0 ? ulong.MaxValue : (1UL << (samples % 64)) - 1;
        for (var s = 0; s < signals; s++)
            for (var w = 0; w < words; w++)
                p.Data[(long)s * words + w] = (ulong)rng.NextInt64() ^ ((ulong)rng.NextInt64() << 1) & (w == words - 1 ? tailMask : ulong.MaxValue);
        for (var s = 0; s < signals && words > 0; s++)
            p.Data[(long)s * words + words - 1] &= tailMask;
        return p;
    }

    /// <summary>All 2^signals input combinations (signals ≤ 24): sample i has bit j = (i &gt;&gt; j) &amp; 1.</summary>
    public static PackedBits Exhaustive(int signals)
    {
        if (signals > 24)
            throw new ArgumentOutOfRangeException(nameof(signals), "exhaustive enumeration is limited to 24 inputs");
        var samples = 1 << signals;
        var p = new PackedBits(signals, samples);
        for (var j = 0; j < signals; j++)
        {
            var row = p.Row(j);
            for (var w = 0; w < row.Length; w++)
            {
                ulong word = 0;
                for (var bit = 0; bit < 64; bit++)
                {
                    var s = w * 64 + bit;
                    if (s < samples && ((s >> j) & 1) != 0)
                        word |= 1UL << bit;
                }
                row[w] = word;
            }
        }
        return p;
    }

    public bool RowsEqual(PackedBits other) =>
        Signals == other.Signals && Samples == other.Samples && Data.AsSpan().SequenceEqual(other.Data);
}
