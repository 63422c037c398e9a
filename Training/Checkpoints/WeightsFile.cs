using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Training.Checkpoints;

/// <summary>
/// The binary files of a checkpoint, little-endian: <c>weights.bin</c> / <c>best.bin</c> and
/// <c>optimizer.bin</c> (magic "GFADAM01", step count, then per trained layer the first and second
/// moments as float32). Weights version 2 (magic "GFDLGNW2", written): layer count, then per layer
/// its kind (int32, <see cref="LayerKind"/>); dense: inputs, neurons, logits per neuron, A and B as
/// int32, logits as float32; conv: the geometry (in C, H, W, out C, H, W, window, stride, padding,
/// depth, pixel-major input 0/1), logits per gate, the leaves as int32, logits as float32; orpool:
/// the geometry. Version 1 ("GFDLGNW1", read): layer count, then the dense records without the kind.
/// Version 3 ("GFDLGNW3", written when a layer has learned connections): version 2, and after each
/// dense record the candidates per input K (int32), when K &gt; 1 followed by the candidates of input
/// A and of input B (neurons × K int32 each) and their logits (neurons × K float32 each); A and B
/// of the record are the chosen candidates.
/// </summary>
internal static class WeightsFile
{
    private const string WeightsMagicV1 = "GFDLGNW1";
    private const string WeightsMagicV2 = "GFDLGNW2";
    private const string WeightsMagicV3 = "GFDLGNW3";
    private const string OptimizerMagic = "GFADAM01";

    public static void WriteWeights(string path, IReadOnlyList<LayerWeights> layers)
    {
        using var w = new BinaryWriter(File.Create(path), System.Text.Encoding.ASCII);
        var withConnections = layers.Any(l => l.Connections is not null);
        w.Write(System.Text.Encoding.ASCII.GetBytes(withConnections ? WeightsMagicV3 : WeightsMagicV2));
        w.Write(layers.Count);
        foreach (var l in layers)
        {
            w.Write((int)l.Kind);
            if (l.Geometry is { } g)
            {
                foreach (var v in new[] { g.In.Channels, g.In.Height, g.In.Width, g.Out.Channels, g.Out.Height, g.Out.Width, g.Window, g.Stride, g.Padding, g.Depth, g.PixelMajorInput ? 1 : 0 })
                    w.Write(v);
                if (l.Kind == LayerKind.OrPool)
                    continue;
            }
            else
            {
                w.Write(l.Inputs);
                w.Write(l.Neurons);
            }
            w.Write(l.LogitsPerNeuron);
            foreach (var a in l.A)
                w.Write(a);
            foreach (var b in l.B)
                w.Write(b);
            foreach (var x in l.Logits)
                w.Write(x);
            if (withConnections && l.Kind == LayerKind.Dense)
                WriteConnections(w, l.Connections);
        }
    }

    private static void WriteConnections(BinaryWriter w, ConnectionWeights? c)
    {
        w.Write(c?.Candidates ?? 1);
        if (c is null)
            return;
        foreach (var i in c.CandidatesA.Concat(c.CandidatesB))
            w.Write(i);
        foreach (var x in c.LogitsA.Concat(c.LogitsB))
            w.Write(x);
    }

    private static ConnectionWeights? ReadConnections(BinaryReader r, int inputs, int neurons, string path, int l)
    {
        var k = r.ReadInt32();
        Check(k is >= 1 and <= ConnectionWeights.MaxCandidates, path, $"bad connection candidates of layer {l}");
        if (k == 1)
            return null;
        var a = ReadInts(r, (long)neurons * k);
        var b = ReadInts(r, (long)neurons * k);
        foreach (var i in a.Concat(b))
            Check((uint)i < (uint)inputs, path, $"layer {l} has a connection candidate {i} of {inputs} inputs");
        var la = ReadFloats(r, (long)neurons * k);
        var lb = ReadFloats(r, (long)neurons * k);
        CheckFinite(la, path, $"layer {l} connection logit");
        CheckFinite(lb, path, $"layer {l} connection logit");
        return new ConnectionWeights(k, a, b, la, lb);
    }

    private static ImageGeometry ReadGeometry(BinaryReader r, LayerKind kind, string path, int l)
    {
        var v = ReadInts(r, 11);
        Check(v.Take(10).All(x => x >= 0) && v[..7].All(x => x > 0) && v[7] > 0 && v[9] <= LayerSpec.MaxDepth && v[10] is 0 or 1
            && (long)v[0] * v[1] * v[2] < int.MaxValue && (long)v[3] * v[4] * v[5] < int.MaxValue, path, $"bad geometry of layer {l}");
        return new ImageGeometry(kind, new BitImage(v[0], v[1], v[2]), new BitImage(v[3], v[4], v[5]), v[6], v[7], v[8], v[9], v[10] == 1);
    }

    public static IReadOnlyList<LayerWeights> ReadWeights(string path)
    {
        using var r = Open(path, "weights", out var magic, WeightsMagicV3, WeightsMagicV2, WeightsMagicV1);
        var version = magic switch { WeightsMagicV1 => 1, WeightsMagicV2 => 2, _ => 3 };
        try
        {
            var count = r.ReadInt32();
            Check(count is > 0 and < 1_000, path, "bad layer count");
            var layers = new List<LayerWeights>();
            for (var l = 0; l < count; l++)
            {
                var kind = version == 1 ? LayerKind.Dense : (LayerKind)r.ReadInt32();
                Check(Enum.IsDefined(kind), path, $"bad kind of layer {l}");
                if (kind != LayerKind.Dense)
                {
                    var g = ReadGeometry(r, kind, path, l);
                    if (kind == LayerKind.OrPool)
                    {
                        layers.Add(LayerWeights.OrPool(g));
                        continue;
                    }
                    var perGate = r.ReadInt32();
                    Check(perGate is 4 or 16, path, $"bad shape of layer {l}");
                    var leaves = ReadInts(r, checked(g.Out.Channels * g.Leaves));
                    foreach (var leaf in leaves)
                        Check((uint)leaf < (uint)g.Field, path, $"layer {l} has leaf {leaf} outside its receptive field of {g.Field}");
                    layers.Add(LayerWeights.Conv(g, leaves, perGate, ReadFloats(r, checked(g.Out.Channels * g.TreeGates * perGate))));
                    continue;
                }
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
                var connections = version == 3 ? ReadConnections(r, inputs, neurons, path, l) : null;
                if (connections is not null)
                    Check(a.SequenceEqual(connections.ChosenA()) && b.SequenceEqual(connections.ChosenB()), path, $"layer {l}'s wiring is not its chosen connections");
                layers.Add(new LayerWeights(inputs, a, b, perNeuron, logits) { Connections = connections });
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
        using var r = Open(path, "optimizer", out _, OptimizerMagic);
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

    // All magics have 8 bytes; found is the one the file starts with.
    private static BinaryReader Open(string path, string what, out string found, params string[] magics)
    {
        if (!File.Exists(path))
            throw new TrainingException($"{path}: file not found");
        var r = new BinaryReader(File.OpenRead(path), System.Text.Encoding.ASCII);
        var head = System.Text.Encoding.ASCII.GetString(r.ReadBytes(magics[0].Length));
        if (!magics.Contains(head))
        {
            r.Dispose();
            throw new TrainingException($"{path}: not a GateForge {what} file");
        }
        found = head;
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
