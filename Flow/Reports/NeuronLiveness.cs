using System.Globalization;
using GateForge.Training.Models;

namespace GateForge.Flow.Reports;

/// <summary>
/// Per-layer figures of a trained network for the report: the histogram of the 16 gate types, and
/// how many neurons are kept after optimisation. A neuron is kept when, after constants are
/// propagated through the layers, it is still a real gate (not a constant, not a wire or an
/// inverter of one input) and some output depends on it: the neuron-level view of what
/// `const-fold` and `dce` keep (structural hashing can merge a few more; the netlist figures in
/// the report count those). Conv and orpool layers get their histogram (conv: per tree gate) and no
/// kept count; their outputs count as variable for the dense layers after them.
/// </summary>
internal static class NeuronLiveness
{
    private const int Zero = 0;
    private const int One = 1;
    private const int Variable = 2;

    public static List<LayerRecord> Analyse(DiscreteNetwork network)
    {
        var layers = network.Layers;
        var values = new int[layers.Count][];
        var prev = Enumerable.Repeat(Variable, network.InputBits).ToArray();
        for (var l = 0; l < layers.Count; l++)
        {
            var cur = Enumerable.Repeat(Variable, layers[l].Outputs).ToArray();
            if (layers[l] is DiscreteLayer layer)
                for (var i = 0; i < layer.Neurons; i++)
                    cur[i] = Fold(layer.GateIds[i], prev[layer.A[i]], prev[layer.B[i]]);
            values[l] = cur;
            prev = cur;
        }

        // Backward through the dense layers: the head reads every non-constant bit of the last layer;
        // liveness is not traced through conv and orpool layers (null).
        var live = new bool[]?[layers.Count];
        if (layers[^1] is DiscreteLayer)
            live[^1] = values[^1].Select(v => v == Variable).ToArray();
        for (var l = layers.Count - 1; l > 0; l--)
        {
            if (layers[l] is not DiscreteLayer layer || live[l] is not { } liveHere || layers[l - 1] is not DiscreteLayer)
                continue;
            var below = new bool[layer.Inputs];
            for (var i = 0; i < layer.Neurons; i++)
            {
                if (!liveHere[i])
                    continue;
                var (usesA, usesB) = Uses(layer.GateIds[i], values[l - 1][layer.A[i]], values[l - 1][layer.B[i]]);
                if (usesA)
                    below[layer.A[i]] = true;
                if (usesB)
                    below[layer.B[i]] = true;
            }
            for (var j = 0; j < below.Length; j++)
                below[j] &= values[l - 1][j] == Variable;
            live[l - 1] = below;
        }

        var records = new List<LayerRecord>(layers.Count);
        for (var l = 0; l < layers.Count; l++)
        {
            var record = new LayerRecord
            {
                Layer = l + 1,
                Kind = LayerSpec.Name(layers[l].Kind),
                Shape = layers[l] switch
                {
                    DiscreteConvLayer conv => conv.Geometry.Out.ToString(),
                    DiscreteOrPool pool => pool.Geometry.Out.ToString(),
                    var other => other.Outputs.ToString(CultureInfo.InvariantCulture),
                },
                Neurons = layers[l].GateIds.Length,
                GateHistogram = Histogram(layers[l].GateIds),
            };
            if (layers[l] is DiscreteLayer layer && live[l] is { } liveHere)
            {
                var kept = 0;
                for (var i = 0; i < layer.Neurons; i++)
                {
                    var a = l == 0 ? Variable : values[l - 1][layer.A[i]];
                    var b = l == 0 ? Variable : values[l - 1][layer.B[i]];
                    if (liveHere[i] && IsRealGate(layer.GateIds[i], a, b, layer.A[i] == layer.B[i]))
                        kept++;
                }
                record.Kept = kept;
            }
            records.Add(record);
        }
        return records;
    }

    private static int[] Histogram(int[] gateIds)
    {
        var histogram = new int[16];
        foreach (var g in gateIds)
            histogram[g]++;
        return histogram;
    }

    /// <summary>The gate's value class given its inputs' classes.</summary>
    private static int Fold(int gate, int a, int b)
    {
        if (a != Variable && b != Variable)
            return Bit(gate, a, b);
        var (usesA, usesB) = Depends(gate);
        if (!usesA && !usesB)
            return gate == 15 ? One : Zero;
        if (a == Variable && b == Variable)
            return Variable;
        // One input constant: the gate is a function of the other input; constant when both cofactors agree.
        if (a != Variable)
            return Bit(gate, a, 0) == Bit(gate, a, 1) ? Bit(gate, a, 0) : Variable;
        return Bit(gate, 0, b) == Bit(gate, 1, b) ? Bit(gate, 0, b) : Variable;
    }

    /// <summary>SPEC §1: id = 8·f(0,0) + 4·f(0,1) + 2·f(1,0) + f(1,1).</summary>
    private static int Bit(int gate, int a, int b) => (gate >> (3 - (2 * a + b))) & 1;

    private static (bool A, bool B) Depends(int gate)
    {
        var usesA = Bit(gate, 0, 0) != Bit(gate, 1, 0) || Bit(gate, 0, 1) != Bit(gate, 1, 1);
        var usesB = Bit(gate, 0, 0) != Bit(gate, 0, 1) || Bit(gate, 1, 0) != Bit(gate, 1, 1);
        return (usesA, usesB);
    }

    private static (bool A, bool B) Uses(int gate, int a, int b)
    {
        var (usesA, usesB) = Depends(gate);
        // A constant input is not "used"; the other one is used only if the gate still depends on it.
        if (a != Variable)
            return (false, usesB && Bit(gate, a, 0) != Bit(gate, a, 1));
        if (b != Variable)
            return (usesA && Bit(gate, 0, b) != Bit(gate, 1, b), false);
        return (usesA, usesB);
    }

    private static bool IsRealGate(int gate, int a, int b, bool sameInput)
    {
        if (Fold(gate, a, b) != Variable)
            return false;
        var (usesA, usesB) = Uses(gate, a, b);
        // A wire or an inverter costs nothing; so does a two-input gate whose inputs are one signal.
        return usesA && usesB && !sameInput;
    }
}
