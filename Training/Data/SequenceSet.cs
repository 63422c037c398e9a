using GateForge.Ir.Sequences;

namespace GateForge.Training.Data;

/// <summary>
/// Labelled sequences of bits (SPEC §8): <see cref="Inputs"/> (sample i is <see cref="Lengths"/>[i]
/// steps of <see cref="StepBits"/> 0/1 bytes, stored step after step) and a class per sample.
/// Treat the arrays as read-only: subsets copy them.
/// </summary>
public sealed class SequenceSet
{
    public SequenceSet(string name, int stepBits, byte[] bits, int[] lengths, int[] labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentNullException.ThrowIfNull(lengths);
        ArgumentNullException.ThrowIfNull(labels);
        if (lengths.Length != labels.Length)
            throw new ArgumentException($"sequence set {name}: {lengths.Length} lengths for {labels.Length} labels", nameof(lengths));
        if (classCount < 1)
            throw new ArgumentException($"sequence set {name}: needs at least one class", nameof(classCount));
        foreach (var label in labels)
            if ((uint)label >= (uint)classCount)
                throw new ArgumentException($"sequence set {name}: label {label} outside 0..{classCount - 1}", nameof(labels));
        try
        {
            Inputs = new BitSequences(stepBits, bits, lengths);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"sequence set {name}: {e.Message}", e);
        }
        Name = name;
        Labels = labels;
        ClassCount = classCount;
        MaxLength = lengths.Length == 0 ? 0 : lengths.Max();
    }

    public string Name { get; }
    /// <summary>The sequences without labels: what a sequential design is driven with.</summary>
    public BitSequences Inputs { get; }
    /// <summary>F: bits per step.</summary>
    public int StepBits => Inputs.StepBits;
    /// <summary>All steps of all samples, <see cref="StepBits"/> bytes (0/1) per step.</summary>
    public byte[] Bits => Inputs.Bits;
    public int[] Lengths => Inputs.Lengths;
    /// <summary>Index (in steps) of each sample's first step.</summary>
    public int[] Starts => Inputs.Starts;
    public int[] Labels { get; }
    public int ClassCount { get; }
    public int Count => Labels.Length;
    /// <summary>Length of the longest sample (0 when empty).</summary>
    public int MaxLength { get; }

    /// <summary>The bits of step <paramref name="t"/> of sample <paramref name="sample"/>.</summary>
    public ReadOnlySpan<byte> Step(int sample, int t)
    {
        if ((uint)t >= (uint)Lengths[sample])
            throw new ArgumentOutOfRangeException(nameof(t), $"sample {sample} has {Lengths[sample]} steps");
        return Bits.AsSpan((Starts[sample] + t) * StepBits, StepBits);
    }

    /// <summary>The given samples in the given order (repeats allowed).</summary>
    public SequenceSet Subset(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var lengths = rows.Select(r => Lengths[r]).ToArray();
        var bits = new byte[lengths.Sum(l => (long)l) * StepBits];
        var at = 0;
        foreach (var r in rows)
        {
            var n = Lengths[r] * StepBits;
            Array.Copy(Bits, Starts[r] * StepBits, bits, at, n);
            at += n;
        }
        return new SequenceSet(Name, StepBits, bits, lengths, rows.Select(r => Labels[r]).ToArray(), ClassCount);
    }

    /// <summary>
    /// Images read row by row (SPEC §8): each row of <paramref name="encoded"/> (samples × H·W·b bits,
    /// pixel-major with a pixel's b bits contiguous, as <see cref="Encoding.InputEncoder"/> writes
    /// them) becomes H steps of W·b bits.
    /// </summary>
    public static SequenceSet FromImageRows(string name, byte[] encoded, int[] labels, int classCount, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        ArgumentNullException.ThrowIfNull(labels);
        var perSample = labels.Length == 0 ? 0 : encoded.Length / labels.Length;
        if (labels.Length > 0 && (perSample * labels.Length != encoded.Length || perSample % (shape.Width * shape.Height) != 0))
            throw new ArgumentException($"{encoded.Length} bits cannot be {labels.Length} images of {shape.Width}×{shape.Height} pixels", nameof(encoded));
        var stepBits = labels.Length == 0 ? shape.Width : perSample / shape.Height;
        return new SequenceSet(name, stepBits, encoded, Enumerable.Repeat(shape.Height, labels.Length).ToArray(), labels, classCount);
    }

    public override string ToString() => $"{Name}: {Count} sequences of ≤ {MaxLength} steps × {StepBits} bits, {ClassCount} classes";
}

/// <summary>A training and a test set of sequences.</summary>
public sealed record SequenceSplit(SequenceSet Train, SequenceSet Test);
