using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Training.Checkpoints;

/// <summary>
/// The binary files of a checkpoint, little-endian: <c>weights.bin</c> / <c>best.bin</c> (magic
/// "GFDLGNW1", layer count, then per layer inputs, neurons, logits per neuron, the A and B wiring as
/// int32 and the logits as float32) and <c>optimizer.bin</c> (magic "GFADAM01", step count, then per
/// layer the first and second moments as float32).
/// </summary>
internal static class WeightsFile
{
    private const string WeightsMagic = "GFDLGNW1";
    private const string OptimizerMagic = "GFADAM01";

    public static void WriteWeights(string path, IReadOnlyList<LayerWeights> layers)
    {
        using var w = new BinaryWriter(File.Create(path), System.Text.Encoding.ASCII);
        w.Write(System.Text.Encoding.ASCII.GetBytes(WeightsMagic));
        w.Write(layers.Count);
        foreach (var l in layers)
        {
            w.Write(l.Inputs);
            w.Write(l.Neurons);
            w.Write(l.LogitsPerNeuron);
            foreach (var a in l.A)
                w.Write(a);
            foreach (var b in l.B)
                w.Write(b);
            foreach (var x in l.Logits)
                w.Write(x);
        }
    }

    public static IReadOnlyList<LayerWeights> ReadWeights(string path)
    {
        using var r = Open(path, WeightsMagic);
        try
        {
            var count = r.ReadInt32();
            Check(count is > 0 and < 1_000, path, "bad layer count");
            var layers = new List<LayerWeights>();
            for (var l = 0; l < count; l++)
            {
                var inputs = r.ReadInt32();
                var neurons = r.ReadInt32();
                var perNeuron = r.ReadInt32();
                Check(inputs > 0 && neurons > 0 && perNeuron is 4 or 16, path, $"bad shape of layer {l}");
                var a = ReadInts(r, neurons);
                var b = ReadInts(r, neurons);
                foreach (var i in a.Concat(b))
                    Check((uint)i < (uint)inputs, path, $"layer {l} is wired to input {i} of {inputs}");
                var logits = ReadFloats(r, (long)neurons * perNeuron);
                CheckFinite(logits, path, $"layer {l} logit");
                layers.Add(new LayerWeights(inputs, a, b, perNeuron, logits));
            }
            Check(r.BaseStream.Position == r.BaseStream.Length, path, "trailing bytes");
            return layers;
        }
        catch (EndOfStreamException)
        {
            throw new TrainingException($"{path}: truncated weights file");
        }
    }

    public static void WriteOptimizer(string path, OptimizerState state)
    {
        using var w = new BinaryWriter(File.Create(path), System.Text.Encoding.ASCII);
        w.Write(System.Text.Encoding.ASCII.GetBytes(OptimizerMagic));
        w.Write(state.StepCount);
        w.Write(state.M.Count);
        for (var i = 0; i < state.M.Count; i++)
        {
            w.Write(state.M[i].Length);
            foreach (var x in state.M[i])
                w.Write(x);
            foreach (var x in state.V[i])
                w.Write(x);
        }
    }

    public static OptimizerState ReadOptimizer(string path)
    {
        using var r = Open(path, OptimizerMagic);
        try
        {
            var steps = r.ReadInt64();
            var count = r.ReadInt32();
            Check(count is > 0 and < 1_000 && steps >= 0, path, "bad header");
            var m = new List<float[]>();
            var v = new List<float[]>();
            for (var i = 0; i < count; i++)
            {
                var n = r.ReadInt32();
                Check(n > 0, path, "bad moment size");
                m.Add(ReadFloats(r, n));
                v.Add(ReadFloats(r, n));
                CheckFinite(m[^1], path, $"moment {i} entry");
                CheckFinite(v[^1], path, $"moment {i} entry");
            }
            return new OptimizerState(steps, m, v);
        }
        catch (EndOfStreamException)
        {
            throw new TrainingException($"{path}: truncated optimizer file");
        }
    }

    private static BinaryReader Open(string path, string magic)
    {
        if (!File.Exists(path))
            throw new TrainingException($"{path}: file not found");
        var r = new BinaryReader(File.OpenRead(path), System.Text.Encoding.ASCII);
        var head = r.ReadBytes(magic.Length);
        if (System.Text.Encoding.ASCII.GetString(head) != magic)
        {
            r.Dispose();
            throw new TrainingException($"{path}: not a GateForge {(magic == WeightsMagic ? "weights" : "optimizer")} file");
        }
        return r;
    }

    private static int[] ReadInts(BinaryReader r, long n)
    {
        var result = new int[CountThatFits(r, n)];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    private static float[] ReadFloats(BinaryReader r, long n)
    {
        var result = new float[CountThatFits(r, n)];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan()));
        return result;
    }

    /// <summary>
    /// <paramref name="n"/> four-byte values, checked against the bytes left before anything is
    /// allocated: a neuron count of 0x7fffffff overflowed <c>n * 4</c> (exit 3) before this check.
    /// </summary>
    private static int CountThatFits(BinaryReader r, long n)
    {
        if (n < 0 || n * 4 > r.BaseStream.Length - r.BaseStream.Position)
            throw new EndOfStreamException();
        return (int)n;
    }

    /// <summary>NaN or infinite values made freeze pick gates from garbage and report success.</summary>
    private static void CheckFinite(float[] values, string path, string what)
    {
        var bad = Array.FindIndex(values, x => !float.IsFinite(x));
        if (bad >= 0)
            throw new TrainingException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {what} {bad} is {values[bad]} (not a finite number)"));
    }

    private static void Check(bool ok, string path, string problem)
    {
        if (!ok)
            throw new TrainingException($"{path}: {problem}");
    }
}
