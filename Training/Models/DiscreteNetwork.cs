using GateForge.Ir;

namespace GateForge.Training.Models;

/// <summary>One frozen logic layer: neuron i computes gate <c>GateIds[i]</c> of inputs <c>A[i]</c>, <c>B[i]</c>.</summary>
public sealed record DiscreteLayer(int Inputs, int[] A, int[] B, int[] GateIds)
{
    public int Neurons => GateIds.Length;

    /// <summary>The layer's discrete gates: argmax logit (ties → lowest id) or the iwp truth table.</summary>
    public static DiscreteLayer FromWeights(LayerWeights w, bool iwp)
    {
        var ids = new int[w.Neurons];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = LogicLayer.GateIdOf(w.Logits.AsSpan(i * w.LogitsPerNeuron, w.LogitsPerNeuron), iwp);
        return new DiscreteLayer(w.Inputs, w.A, w.B, ids);
    }
}

/// <summary>
/// A trained network in discrete mode (argmax gates on 0/1 inputs) with its GroupSum head, as plain
/// arrays: what freezing turns into a netlist and what every equivalence check compares against.
/// Scores are integer popcounts; the class is the argmax with ties to the lowest class (SPEC §3).
/// </summary>
public sealed class DiscreteNetwork
{
    public DiscreteNetwork(int inputBits, int classes, IReadOnlyList<DiscreteLayer> layers)
    {
        if (layers.Count == 0)
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        var width = inputBits;
        foreach (var layer in layers)
        {
            if (layer.Inputs != width || layer.A.Length != layer.Neurons || layer.B.Length != layer.Neurons)
                throw new ArgumentException("layer shapes do not chain", nameof(layers));
            width = layer.Neurons;
        }
        if (width % classes != 0)
            throw new ArgumentException($"{width} outputs cannot be split into {classes} groups", nameof(classes));
        InputBits = inputBits;
        Classes = classes;
        Layers = layers;
    }

    public int InputBits { get; }
    public int Classes { get; }
    public IReadOnlyList<DiscreteLayer> Layers { get; }
    public int OutputBits => Layers[^1].Neurons;
    public int GroupSize => OutputBits / Classes;
    /// <summary>Width of one class score (SB).</summary>
    public int ScoreBits => HeadBuilder.BitsFor(GroupSize);
    /// <summary>Width of class_id (CB).</summary>
    public int ClassBits => HeadBuilder.ClassBits(Classes);
    public int GateCount => Layers.Sum(l => l.Neurons);

    /// <summary>The last layer's outputs for packed inputs (one row per input bit).</summary>
    public PackedBits EvaluateLayers(PackedBits inputs)
    {
        if (inputs.Signals != InputBits)
            throw new ArgumentException($"expected {InputBits} input rows, got {inputs.Signals}", nameof(inputs));
        var words = inputs.Words;
        var current = inputs.Data;
        foreach (var layer in Layers)
        {
            var next = new ulong[(long)layer.Neurons * words];
            for (var i = 0; i < layer.Neurons; i++)
            {
                var a = (long)layer.A[i] * words;
                var b = (long)layer.B[i] * words;
                var o = (long)i * words;
                var g = layer.GateIds[i];
                for (var w = 0; w < words; w++)
                    next[o + w] = Gates.Apply(g, current[a + w], current[b + w]);
            }
            current = next;
        }
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
