using GateForge.Ir;

namespace GateForge.Sim.Tests;

/// <summary>
/// Layered networks built twice from one seed: combinationally, and with a register stage after
/// every <c>every</c> layers (data registers without reset, a valid shift register with reset),
/// following the sequential-netlist convention of docs/ARCHITECTURE.md.
/// </summary>
internal static class HandPipelines
{
    public static (Netlist Comb, Netlist Piped, int Latency) Build(int inputs, int[] layers, int every, int seed, int headClasses = 0)
    {
        return (Make(inputs, layers, 0, seed, headClasses), Make(inputs, layers, every, seed, headClasses),
            every == 0 ? 0 : (layers.Length - 1) / every);
    }

    private static Netlist Make(int inputs, int[] layers, int every, int seed, int headClasses)
    {
        var rng = new Random(seed);
        var b = new NetlistBuilder();
        var prev = b.AddInputBus("x", inputs);
        var valid = every > 0 ? b.AddInputBus("in_valid", 1)[0] : Lit.False;
        for (var layer = 0; layer < layers.Length; layer++)
        {
            var next = new int[layers[layer]];
            for (var i = 0; i < next.Length; i++)
                next[i] = b.Gate(rng.Next(16), prev[rng.Next(prev.Length)], prev[rng.Next(prev.Length)]);
            prev = next;
            if (every > 0 && layer < layers.Length - 1 && (layer + 1) % every == 0)
            {
                for (var i = 0; i < prev.Length; i++)
                {
                    var reg = b.AddLatch(LatchInit.None);
                    b.SetLatchNext(reg, prev[i]);
                    prev[i] = reg;
                }
                var v = b.AddLatch(LatchInit.Zero);
                b.SetLatchNext(v, valid);
                valid = v;
            }
        }
        if (headClasses > 0)
            HeadBuilder.AddGroupSumHead(b, prev, headClasses);
        else
            b.AddOutputBus("y", prev);
        if (every > 0)
            b.AddOutputBus("out_valid", [valid]);
        b.SetAttribute("design", "hand");
        return b.Build();
    }
}
