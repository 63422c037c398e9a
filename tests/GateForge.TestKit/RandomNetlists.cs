using GateForge.Ir;

namespace GateForge.TestKit;

/// <summary>Seeded random netlists for property tests.</summary>
public static class RandomNetlists
{
    /// <summary>
    /// A layered network shaped like a trained DLGN: each layer's gates take two random outputs of
    /// the previous layer and apply one of the sixteen gates. Optionally ends with a GroupSum head;
    /// <paramref name="markLayers"/> records each layer as a part (<see cref="DesignParts"/>, as freeze does).
    /// </summary>
    public static Netlist Layered(int inputs, int[] layers, int seed, int headClasses = 0, bool markLayers = false)
    {
        var rng = new Random(seed);
        var b = new NetlistBuilder();
        var prev = b.AddInputBus("x", inputs);
        for (var l = 0; l < layers.Length; l++)
        {
            var width = layers[l];
            if (markLayers)
                DesignParts.Begin(b, $"layer{l + 1}");
            var next = new int[width];
            for (var i = 0; i < width; i++)
                next[i] = b.Gate(rng.Next(16), prev[rng.Next(prev.Length)], prev[rng.Next(prev.Length)]);
            prev = next;
        }
        if (headClasses > 0)
            HeadBuilder.AddGroupSumHead(b, prev, headClasses);
        else
            b.AddOutputBus("y", prev);
        return b.Build();
    }

    /// <summary>A random DAG of And/Xor nodes over any earlier node, with <paramref name="outputs"/> random outputs.</summary>
    public static Netlist Dag(int inputs, int gates, int outputs, int seed, double xorShare = 0.3)
    {
        var rng = new Random(seed);
        var b = new NetlistBuilder();
        var lits = new List<int>(b.AddInputBus("x", inputs));
        for (var i = 0; i < gates; i++)
        {
            var x = lits[rng.Next(lits.Count)] ^ rng.Next(2);
            var y = lits[rng.Next(lits.Count)] ^ rng.Next(2);
            lits.Add(rng.NextDouble() < xorShare ? b.Xor(x, y) : b.And(x, y));
        }
        var outs = new int[outputs];
        for (var i = 0; i < outputs; i++)
            outs[i] = lits[lits.Count - 1 - rng.Next(Math.Min(lits.Count, gates + 1))] ^ rng.Next(2);
        b.AddOutputBus("y", outs);
        return b.Build();
    }
}
