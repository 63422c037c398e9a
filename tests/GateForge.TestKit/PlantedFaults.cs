using GateForge.Ir;
using GateForge.Sim;

namespace GateForge.TestKit;

/// <summary>Faults planted in a netlist, for tests that a check catches them.</summary>
public static class PlantedFaults
{
    /// <summary>The netlist with latch <paramref name="index"/>'s next-state literal inverted (rebuilt through the builder).</summary>
    public static Netlist InvertLatchNext(Netlist netlist, int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, netlist.LatchCount);
        var b = NetlistBuilder.StartFrom(netlist, out var map);
        b.MapGates(netlist, map);
        var faulty = netlist.Latches[index];
        foreach (var latch in netlist.Latches)
        {
            var next = NetlistBuilder.MapLit(map, netlist.F0(latch));
            b.SetLatchNext(map[latch], latch == faulty ? Lit.Not(next) : next);
        }
        foreach (var bus in netlist.OutputBuses)
            b.AddOutputBus(bus.Name, bus.Bits.Select(l => NetlistBuilder.MapLit(map, l)).ToArray());
        return b.Build();
    }

    /// <summary>Inverts the first fanin of the last gate whose change shows on the outputs (checked by simulation).</summary>
    public static Netlist FlipObservableGate(Netlist good)
    {
        var vectors = PackedBits.Random(good.InputCount, 300, 1);
        var expected = CombEvaluator.Evaluate(good, vectors);
        for (var victim = good.NodeCount - 1; victim > 0; victim--)
        {
            if (good.Kind(victim) != NodeKind.And)
                continue;
            var b = NetlistBuilder.StartFrom(good, out var map);
            var kinds = good.Kinds;
            for (var i = 1; i < kinds.Length; i++)
            {
                if (kinds[i] is not (NodeKind.And or NodeKind.Xor))
                    continue;
                var x = NetlistBuilder.MapLit(map, good.F0(i)) ^ (i == victim ? 1 : 0);
                var y = NetlistBuilder.MapLit(map, good.F1(i));
                map[i] = kinds[i] == NodeKind.And ? b.And(x, y) : b.Xor(x, y);
            }
            var bad = b.FinishFrom(good, map);
            if (PackedBitsOps.FirstDifference(expected, CombEvaluator.Evaluate(bad, vectors)) >= 0)
                return bad;
        }
        throw new InvalidOperationException("no observable gate to flip");
    }
}
