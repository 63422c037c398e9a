using System.Globalization;
using GateForge.Ir;

namespace GateForge.Flow;

/// <summary>
/// One result of a design as <c>sim</c> prints it: each output bus but out_valid as a number (wider
/// than 64 bits: its width), the scores split per class when the head records its class count.
/// </summary>
public static class OutputText
{
    public static string Of(Netlist netlist, PackedBits outputs, int sample)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(outputs);
        var classes = netlist.Attribute(Names.Attributes.HeadClasses) is { } k && int.TryParse(k, CultureInfo.InvariantCulture, out var c) && c > 0 ? c : 0;
        var offset = 0;
        var parts = new List<string>();
        foreach (var bus in netlist.OutputBuses.Where(b => b.Name != Names.Buses.OutValid))
        {
            if (bus.Name == Names.Buses.Scores && classes > 0 && bus.Width % classes == 0 && bus.Width / classes <= 64)
            {
                var bits = bus.Width / classes;
                var first = offset;
                parts.Add("scores=[" + string.Join(" ", Enumerable.Range(0, classes).Select(i => outputs.ReadUInt(first + i * bits, bits, sample))) + "]");
            }
            else
                parts.Add(bus.Width <= 64 ? $"{bus.Name}={outputs.ReadUInt(offset, bus.Width, sample)}" : $"{bus.Name}=<{bus.Width} bits>");
            offset += bus.Width;
        }
        return string.Join("  ", parts);
    }
}
