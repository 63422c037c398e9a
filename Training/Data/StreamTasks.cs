namespace GateForge.Training.Data;

/// <summary>
/// Synthetic streaming tasks with exact answers (SPEC §8): a sample is a random bit stream, one bit
/// per step (F = 1), of a random length; the class is a function of the whole stream.
/// <list type="bullet">
/// <item><c>stream-parity</c>: XOR of all bits;</item>
/// <item><c>stream-majority</c>: 1 when the stream has more ones than zeros; a tie is not "more",
/// so it is class 0 (even lengths tie often: half the streams of length 2 do);</item>
/// <item><c>stream-div3</c>: 1 when the stream read as a binary number, most significant bit first,
/// is divisible by 3 (the empty prefix is 0; leading zeros allowed).</item>
/// </list>
/// The training set has lengths 1..<see cref="TrainMaxLength"/>, the test set 1..<see cref="TestMaxLength"/>:
/// it checks that the model generalises to streams longer than any it was trained on.
/// </summary>
public static class StreamTasks
{
    public const int TrainMaxLength = 16;
    public const int TestMaxLength = 64;
    public const int TrainCount = 4000;
    public const int TestCount = 2000;

    public const string ParityName = "stream-parity";
    public const string MajorityName = "stream-majority";
    public const string Div3Name = "stream-div3";

    /// <summary>The task names, as data specs.</summary>
    public static IReadOnlyList<string> Names { get; } = [ParityName, MajorityName, Div3Name];

    /// <summary>Whether <paramref name="spec"/> names a stream task.</summary>
    public static bool IsStreamSpec(string spec) => Names.Contains(spec);

    /// <summary>The train/test split of a task; seeded, so the same on every machine.</summary>
    public static SequenceSplit Load(string spec)
    {
        var label = LabelFunction(spec);
        return new SequenceSplit(
            Generate(spec, label, TrainCount, TrainMaxLength, 0x5354524541_01UL),
            Generate(spec, label, TestCount, TestMaxLength, 0x5354524541_02UL));
    }

    /// <summary><paramref name="count"/> seeded random streams of lengths 1..<paramref name="maxLength"/>.</summary>
    public static SequenceSet Generate(string spec, int count, int maxLength, ulong seed) =>
        Generate(spec, LabelFunction(spec), count, maxLength, seed);

    /// <summary>The class of one stream (0/1 bytes) under the task's rule.</summary>
    public static int Label(string spec, ReadOnlySpan<byte> stream) => LabelFunction(spec)(stream);

    private delegate int StreamLabel(ReadOnlySpan<byte> stream);

    private static StreamLabel LabelFunction(string spec) => spec switch
    {
        ParityName => Parity,
        MajorityName => Majority,
        Div3Name => DivisibleBy3,
        _ => throw new ArgumentException($"unknown stream task '{spec}'; valid: {string.Join(", ", Names)}", nameof(spec)),
    };

    private static int Parity(ReadOnlySpan<byte> s)
    {
        var p = 0;
        foreach (var b in s)
            p ^= b;
        return p;
    }

    private static int Majority(ReadOnlySpan<byte> s)
    {
        var ones = 0;
        foreach (var b in s)
            ones += b;
        return 2 * ones > s.Length ? 1 : 0;
    }

    private static int DivisibleBy3(ReadOnlySpan<byte> s)
    {
        var r = 0;
        foreach (var b in s)
            r = (2 * r + b) % 3;
        return r == 0 ? 1 : 0;
    }

    private static SequenceSet Generate(string name, StreamLabel label, int count, int maxLength, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var lengths = new int[count];
        for (var i = 0; i < count; i++)
            lengths[i] = 1 + rng.Next(maxLength);
        var bits = new byte[lengths.Sum()];
        for (var i = 0; i < bits.Length; i++)
            bits[i] = (byte)rng.Next(2);
        var labels = new int[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            labels[i] = label(bits.AsSpan(at, lengths[i]));
            at += lengths[i];
        }
        return new SequenceSet(name, 1, bits, lengths, labels, 2);
    }
}
