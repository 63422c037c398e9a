using GateForge.Ir;

namespace GateForge.Training.Models;

/// <summary>
/// A trained network in discrete mode (argmax gates on 0/1 inputs) with its GroupSum head, as plain
/// arrays: what freezing turns into a netlist and what every equivalence check compares against.
/// Scores are integer popcounts; the class is the argmax with ties to the lowest class (SPEC §3).
/// </summary>
public sealed class DiscreteNetwork
{
    public DiscreteNetwork(int inputBits, int classes, IReadOnlyList<IDiscreteLayer> layers)
    {
        if (layers.Count == 0)
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        var width = inputBits;
        foreach (var layer in layers)
        {
            if (layer.Inputs != width || layer is DiscreteLayer d && (d.A.Length != d.Neurons || d.B.Length != d.Neurons))
                throw new ArgumentException("layer shapes do not chain", nameof(layers));
            width = layer.Outputs;
        }
        if (width % classes != 0)
            throw new ArgumentException($"{width} outputs cannot be split into {classes} groups", nameof(classes));
        InputBits = inputBits;
        Classes = classes;
        Layers = layers;
    }

    public int InputBits { get; }
    public int Classes { get; }
    public IReadOnlyList<IDiscreteLayer> Layers { get; }
    public int OutputBits => Layers[^1].Outputs;
    public int GroupSize => OutputBits / Classes;
    /// <summary>Width of one class score (SB).</summary>
    public int ScoreBits => HeadBuilder.BitsFor(GroupSize);
    /// <summary>Width of class_id (CB).</summary>
    public int ClassBits => HeadBuilder.ClassBits(Classes);
    /// <summary>Gates of the layers in a netlist before folding (the head not counted).</summary>
    public int GateCount => Layers.Sum(l => l.HardwareGates);

    /// <summary>The last layer's outputs for packed inputs (one row per input bit).</summary>
    public PackedBits EvaluateLayers(PackedBits inputs)
    {
        if (inputs.Signals != InputBits)
            throw new ArgumentException($"expected {InputBits} input rows, got {inputs.Signals}", nameof(inputs));
        var words = inputs.Words;
        var current = inputs.Data;
        foreach (var layer in Layers)
            current = layer.Evaluate(current, words);
        var result = new PackedBits(OutputBits, inputs.Samples);
        Array.Copy(current, result.Data, current.Length);
        MaskTail(result);
        return result;
    }

    /// <summary>Scores (samples × classes, row-major) and predicted classes for packed inputs.</summary>
    public (int[] Scores, int[] ClassId) Predict(PackedBits inputs)
    {
        var outputs = EvaluateLayers(inputs);
        var n = inputs.Samples;
        var scores = new int[n * Classes];
        for (var c = 0; c < Classes; c++)
        {
            for (var j = c * GroupSize; j < (c + 1) * GroupSize; j++)
            {
                var row = outputs.Row(j);
                for (var w = 0; w < row.Length; w++)
                {
                    var bits = row[w];
                    while (bits != 0)
                    {
                        var s = w * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits);
                        scores[s * Classes + c]++;
                        bits &= bits - 1;
                    }
                }
            }
        }
        var classId = new int[n];
        for (var s = 0; s < n; s++)
        {
            var best = 0;
            for (var c = 1; c < Classes; c++)
                if (scores[s * Classes + c] > scores[s * Classes + best])
                    best = c;
            classId[s] = best;
        }
        return (scores, classId);
    }

    /// <summary>Scores and classes for <paramref name="samples"/> rows of 0/1 bytes (samples × InputBits).</summary>
    public (int[] Scores, int[] ClassId) Predict(byte[] bits, int samples) => Predict(Pack(bits, samples, InputBits));

    /// <summary>
    /// The netlist's output rows for packed inputs: the <c>scores</c> bus (class c at rows
    /// [c·SB, (c+1)·SB), LSB first) then the <c>class_id</c> bus.
    /// </summary>
    public PackedBits PredictPacked(PackedBits inputs)
    {
        var (scores, classId) = Predict(inputs);
        var sb = ScoreBits;
        var result = new PackedBits(Classes * sb + ClassBits, inputs.Samples);
        for (var s = 0; s < inputs.Samples; s++)
        {
            for (var c = 0; c < Classes; c++)
                result.WriteUInt(c * sb, sb, s, (ulong)scores[s * Classes + c]);
            result.WriteUInt(Classes * sb, ClassBits, s, (ulong)classId[s]);
        }
        return result;
    }

    /// <summary>Packs sample-major 0/1 bytes into one row per bit.</summary>
    public static PackedBits Pack(byte[] bits, int samples, int width)
    {
        if ((long)samples * width != bits.Length)
            throw new ArgumentException($"{bits.Length} bits is not {samples} samples × {width}", nameof(bits));
        var p = new PackedBits(width, samples);
        var words = p.Words;
        for (var s = 0; s < samples; s++)
        {
            var mask = 1UL << (s & 63);
            var word = s >> 6;
            var row = s * width;
            for (var i = 0; i < width; i++)
                if (bits[row + i] != 0)
                    p.Data[(long)i * words + word] |= mask;
        }
        return p;
    }

    private static void MaskTail(PackedBits p)
    {
        if (p.Samples % 64 == 0 || p.Words == 0)
            return;
        var mask = (1UL << (p.Samples % 64)) - 1;
        for (var s = 0; s < p.Signals; s++)
            p.Data[(long)s * p.Words + p.Words - 1] &= mask;
    }
}
