namespace GateForge.Ir.Sequences;

/// <summary>
/// Input sequences for a sequential design (SPEC §8): sequence i is <see cref="Lengths"/>[i] steps
/// of <see cref="StepBits"/> bits (0/1 bytes), stored step after step from <see cref="Starts"/>[i]
/// (in steps). The stimulus side of a labelled sequence set; shares its arrays.
/// </summary>
public sealed class BitSequences
{
    public BitSequences(int stepBits, byte[] bits, int[] lengths)
    {
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepBits, 1);
        var starts = new int[lengths.Length];
        long steps = 0;
        for (var i = 0; i < lengths.Length; i++)
        {
            if (lengths[i] < 1)
                throw new ArgumentException($"sequence {i} has {lengths[i]} steps; a sequence has at least one", nameof(lengths));
            starts[i] = checked((int)steps);
            steps += lengths[i];
        }
        if (steps * stepBits != bits.Length)
            throw new ArgumentException($"{bits.Length} bits is not {steps} steps × {stepBits}", nameof(bits));
        StepBits = stepBits;
        Bits = bits;
        Lengths = lengths;
        Starts = starts;
    }

    public int StepBits { get; }
    public byte[] Bits { get; }
    public int[] Lengths { get; }
    public int[] Starts { get; }
    public int Count => Lengths.Length;

    /// <summary>The bits of step <paramref name="t"/> of sequence <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> Step(int i, int t) => Bits.AsSpan((Starts[i] + t) * StepBits, StepBits);

    /// <summary>
    /// <paramref name="count"/> seeded random sequences of lengths
    /// <paramref name="minLength"/>..<paramref name="maxLength"/> with uniformly random bits.
    /// </summary>
    public static BitSequences Random(int stepBits, int count, int minLength, int maxLength, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, minLength);
        var rng = new System.Random(seed);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
            lengths[i] = rng.Next(minLength, maxLength + 1);
        var bits = new byte[lengths.Sum() * stepBits];
        for (var i = 0; i < bits.Length; i++)
            bits[i] = (byte)rng.Next(2);
        return new BitSequences(stepBits, bits, lengths);
    }

    /// <summary>Every sequence of length 1..<paramref name="maxLength"/> over <paramref name="stepBits"/>-bit steps.</summary>
    public static BitSequences Exhaustive(int stepBits, int maxLength)
    {
        var symbols = 1 << stepBits;
        var lengths = new List<int>();
        var bits = new List<byte>();
        for (var length = 1; length <= maxLength; length++)
        {
            var count = (long)Math.Pow(symbols, length);
            for (long code = 0; code < count; code++)
            {
                lengths.Add(length);
                var c = code;
                for (var t = 0; t < length; t++, c /= symbols)
                    for (var i = 0; i < stepBits; i++)
                        bits.Add((byte)(((c % symbols) >> i) & 1));
            }
        }
        return new BitSequences(stepBits, [.. bits], [.. lengths]);
    }
}
