using GateForge.Ir;

namespace GateForge.Training.Models;

/// <summary>One frozen layer on packed bits (one row of <c>words</c> ulongs per signal, SPEC §2's <see cref="PackedBits"/> layout).</summary>
public interface IDiscreteLayer
{
    LayerKind Kind { get; }
    int Inputs { get; }
    int Outputs { get; }
    /// <summary>The trained gates (dense: one per neuron; conv: per tree gate, channel by channel in level order; orpool: none).</summary>
    int[] GateIds { get; }
    /// <summary>Gates the layer becomes in a netlist before folding (conv: every position's copy of its trees).</summary>
    int HardwareGates { get; }
    /// <summary>The layer's output rows for <paramref name="input"/> rows of <paramref name="words"/> words each.</summary>
    ulong[] Evaluate(ulong[] input, int words);
}

/// <summary>One frozen dense layer: neuron i computes gate <c>GateIds[i]</c> of inputs <c>A[i]</c>, <c>B[i]</c>.</summary>
public sealed record DiscreteLayer(int Inputs, int[] A, int[] B, int[] GateIds) : IDiscreteLayer
{
    public int Neurons => GateIds.Length;
    public LayerKind Kind => LayerKind.Dense;
    public int Outputs => Neurons;
    public int HardwareGates => Neurons;

    /// <summary>A dense layer's discrete gates: argmax logit (ties → lowest id) or the iwp truth table.</summary>
    public static DiscreteLayer FromWeights(LayerWeights w, bool iwp) =>
        w.Kind == LayerKind.Dense
            ? new(w.Inputs, w.A, w.B, GateRelaxation.GateIds(w.Logits, w.LogitsPerNeuron, iwp))
            : throw new ArgumentException($"a {w.Kind} layer is not a dense layer", nameof(w));

    public ulong[] Evaluate(ulong[] input, int words)
    {
        var next = new ulong[(long)Neurons * words];
        for (var i = 0; i < Neurons; i++)
        {
            var a = (long)A[i] * words;
            var b = (long)B[i] * words;
            var o = (long)i * words;
            var g = GateIds[i];
            for (var w = 0; w < words; w++)
                next[o + w] = Gates.Apply(g, input[a + w], input[b + w]);
        }
        return next;
    }
}

/// <summary>
/// A frozen conv layer: output channel co is one logic tree whose leaf j reads receptive-field
/// offset <c>Leaves[co·2^d + j]</c> (see <see cref="ImageGeometry.InputBit"/>, 0 on padding). A level
/// of width w has w/2 gates, gate i reading slots i and i + w/2 (level 0: leaves; then the previous
/// level's outputs) down to one root; the channel's gate ids run level by level from
/// <c>GateIds[co·(2^d − 1)]</c>. Output bits are channel-major.
/// </summary>
public sealed record DiscreteConvLayer(ImageGeometry Geometry, int[] Leaves, int[] GateIds) : IDiscreteLayer
{
    public LayerKind Kind => LayerKind.Conv;
    public int Inputs => Geometry.In.Bits;
    public int Outputs => Geometry.Out.Bits;
    public int HardwareGates => Geometry.Out.Bits * Geometry.TreeGates;

    public ulong[] Evaluate(ulong[] input, int words)
    {
        var g = Geometry;
        var leaves = g.Leaves;
        var output = new ulong[(long)Outputs * words];
        var scratch = new ulong[leaves * words];
        for (var co = 0; co < g.Out.Channels; co++)
        {
            for (var oy = 0; oy < g.Out.Height; oy++)
            {
                for (var ox = 0; ox < g.Out.Width; ox++)
                {
                    for (var j = 0; j < leaves; j++)
                    {
                        var bit = g.InputBit(Leaves[co * leaves + j], oy, ox);
                        var dst = scratch.AsSpan(j * words, words);
                        if (bit < 0)
                            dst.Clear();
                        else
                            input.AsSpan((int)((long)bit * words), words).CopyTo(dst);
                    }
                    // level by level in place: gate i reads slots i, i + w/2 and writes slot i
                    var gate = co * g.TreeGates;
                    for (var width = leaves; width > 1; width /= 2)
                    {
                        var half = width / 2;
                        for (var i = 0; i < half; i++, gate++)
                        {
                            var id = GateIds[gate];
                            for (var w = 0; w < words; w++)
                                scratch[i * words + w] = Gates.Apply(id, scratch[i * words + w], scratch[(i + half) * words + w]);
                        }
                    }
                    var row = g.Out.Index(co, oy, ox, pixelMajor: false);
                    scratch.AsSpan(0, words).CopyTo(output.AsSpan((int)((long)row * words), words));
                }
            }
        }
        return output;
    }
}

/// <summary>A frozen orpool layer: each output bit is the OR of its window in its channel (padding bits are 0).</summary>
public sealed record DiscreteOrPool(ImageGeometry Geometry) : IDiscreteLayer
{
    public LayerKind Kind => LayerKind.OrPool;
    public int Inputs => Geometry.In.Bits;
    public int Outputs => Geometry.Out.Bits;
    public int HardwareGates => Geometry.Out.Bits * (Geometry.Window * Geometry.Window - 1);
    public int[] GateIds => [];

    /// <summary>The input bits of output (c, oy, ox)'s window, padding left out.</summary>
    public IEnumerable<int> Window(int c, int oy, int ox)
    {
        var k = Geometry.Window;
        for (var r = 0; r < k * k; r++)
        {
            var bit = Geometry.InputBit(Geometry.PoolOffset(c, r), oy, ox);
            if (bit >= 0)
                yield return bit;
        }
    }

    public ulong[] Evaluate(ulong[] input, int words)
    {
        var g = Geometry;
        var output = new ulong[(long)Outputs * words];
        for (var c = 0; c < g.Out.Channels; c++)
            for (var oy = 0; oy < g.Out.Height; oy++)
                for (var ox = 0; ox < g.Out.Width; ox++)
                {
                    var o = (long)g.Out.Index(c, oy, ox, pixelMajor: false) * words;
                    foreach (var bit in Window(c, oy, ox))
                        for (var w = 0; w < words; w++)
                            output[o + w] |= input[(long)bit * words + w];
                }
        return output;
    }
}
