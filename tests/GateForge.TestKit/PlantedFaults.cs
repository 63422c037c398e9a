using GateForge.Ir;

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
}
