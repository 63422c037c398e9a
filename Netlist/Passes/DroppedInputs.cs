using System.Globalization;
using System.Text;

namespace GateForge.Ir.Passes;

/// <summary>
/// What <c>dce(inputs)</c> dropped, kept in attributes so that any later step can map input bits
/// back: <c>dce.width.&lt;bus&gt;</c> is the bus's original width and <c>dce.dropped.&lt;bus&gt;</c>
/// the original indices of the dropped bits as ranges (<c>0-3,9</c>). A bus with every bit dropped
/// is absent from the netlist but keeps its two attributes.
/// </summary>
public static class DroppedInputs
{
    public const string WidthPrefix = "dce.width.";
    public const string DroppedPrefix = "dce.dropped.";
    /// <summary>Constraints on dropped bits, in original indices: <c>x[3]=0,x[5]=1</c>.</summary>
    public const string DroppedConstraints = "dce.dropped_constraints";

    /// <summary>Original width of an input bus (its current width when nothing was dropped).</summary>
    public static int OriginalWidth(Netlist nl, string bus)
    {
        var w = nl.Attribute(WidthPrefix + bus);
        if (w is null)
            return nl.InputBus(bus).Width;
        return int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new NetlistException($"attribute {WidthPrefix}{bus}: '{w}' is not a width");
    }

    /// <summary>For each current bit of <paramref name="bus"/>, its index in the original bus.</summary>
    public static int[] OriginalBits(Netlist nl, string bus)
    {
        var current = nl.FindInputBus(bus);
        var width = OriginalWidth(nl, bus);
        var dropped = ParseRanges(nl.Attribute(DroppedPrefix + bus) ?? "", DroppedPrefix + bus, width);
        var result = new List<int>(width);
        for (var i = 0; i < width; i++)
            if (!dropped.Contains(i))
                result.Add(i);
        if (result.Count != (current?.Width ?? 0))
            throw new NetlistException($"attributes of input bus '{bus}' describe {result.Count} kept bits but the bus has {current?.Width ?? 0}");
        return [.. result];
    }

    /// <summary>
    /// Every constraint of <paramref name="nl"/> in original bit indices: those on kept bits mapped
    /// back, and those on bits that <c>dce(inputs)</c> dropped. Use it to make vectors for the
    /// netlist as it was before any input was dropped.
    /// </summary>
    public static IReadOnlyList<InputConstraint> OriginalConstraints(Netlist nl)
    {
        var result = new List<InputConstraint>();
        foreach (var c in nl.Constraints)
            result.Add(c with { Bit = OriginalBits(nl, c.Bus)[c.Bit] });
        result.AddRange(ParseConstraints(nl.Attribute(DroppedConstraints)));
        return result;
    }

    /// <summary>Names of input buses dropped whole.</summary>
    public static IReadOnlyList<string> DroppedBuses(Netlist nl) =>
        nl.Attributes.Keys
            .Where(k => k.StartsWith(WidthPrefix, StringComparison.Ordinal))
            .Select(k => k[WidthPrefix.Length..])
            .Where(bus => nl.FindInputBus(bus) is null)
            .ToList();

    /// <summary>
    /// Selects, from vectors laid out for <paramref name="wide"/>'s inputs, the rows that
    /// <paramref name="narrow"/> (the same design after <c>dce(inputs)</c>) still has.
    /// </summary>
    public static PackedBits Project(Netlist wide, Netlist narrow, PackedBits wideInputs)
    {
        if (wideInputs.Signals != wide.InputCount)
            throw new ArgumentException($"{wideInputs.Signals} input rows given for a netlist with {wide.InputCount} inputs");
        var result = new PackedBits(narrow.InputCount, wideInputs.Samples);
        var row = 0;
        foreach (var bus in narrow.InputBuses)
        {
            var offset = wide.InputOffset(bus.Name);
            var wideBits = OriginalBits(wide, bus.Name);
            var position = new Dictionary<int, int>();
            for (var i = 0; i < wideBits.Length; i++)
                position[wideBits[i]] = i;
            foreach (var original in OriginalBits(narrow, bus.Name))
            {
                if (!position.TryGetValue(original, out var k))
                    throw new ArgumentException($"input bit {bus.Name}[{original}] is missing from the wider netlist");
                wideInputs.Row(offset + k).CopyTo(result.Row(row++));
            }
        }
        return result;
    }

    /// <summary>Writes the attributes after a drop; <paramref name="newIndex"/> maps each current bit to its new index or -1.</summary>
    internal static void Record(NetlistBuilder b, Netlist before, IReadOnlyDictionary<string, int[]> newIndex)
    {
        var droppedConstraints = ParseConstraints(before.Attribute(DroppedConstraints)).ToList();
        foreach (var c in before.Constraints)
            if (newIndex[c.Bus][c.Bit] < 0)
                droppedConstraints.Add(c with { Bit = OriginalBits(before, c.Bus)[c.Bit] });
        if (droppedConstraints.Count > 0)
            b.SetAttribute(DroppedConstraints, string.Join(",", droppedConstraints.Select(c => $"{c.Bus}[{c.Bit.ToString(CultureInfo.InvariantCulture)}]={(c.Value ? 1 : 0)}")));
        foreach (var bus in before.InputBuses)
        {
            var index = newIndex[bus.Name];
            if (!index.Contains(-1))
                continue;
            var original = OriginalBits(before, bus.Name);
            var width = OriginalWidth(before, bus.Name);
            var kept = new HashSet<int>();
            for (var i = 0; i < index.Length; i++)
                if (index[i] >= 0)
                    kept.Add(original[i]);
            var dropped = Enumerable.Range(0, width).Where(i => !kept.Contains(i)).ToList();
            b.SetAttribute(WidthPrefix + bus.Name, width.ToString(CultureInfo.InvariantCulture));
            b.SetAttribute(DroppedPrefix + bus.Name, FormatRanges(dropped));
        }
    }

    /// <summary>Sorted indices as ranges: 0,1,2,3,9 → "0-3,9".</summary>
    public static string FormatRanges(IReadOnlyList<int> sorted)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
                j++;
            if (sb.Length > 0)
                sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{sorted[i]}");
            if (j > i)
                sb.Append(CultureInfo.InvariantCulture, $"-{sorted[j]}");
            i = j + 1;
        }
        return sb.ToString();
    }

    private static IEnumerable<InputConstraint> ParseConstraints(string? text)
    {
        if (string.IsNullOrEmpty(text))
            yield break;
        foreach (var part in text.Split(','))
        {
            var eq = part.LastIndexOf('=');
            if (eq < 0)
                throw new NetlistException($"attribute {DroppedConstraints}: '{part}' is not bus[bit]=value");
            InputConstraint c;
            try
            {
                c = ConstFoldPass.ParseConstraint(part[..eq], part[(eq + 1)..]);
            }
            catch (ArgumentException e)
            {
                throw new NetlistException($"attribute {DroppedConstraints}: {e.Message}", e);
            }
            yield return c;
        }
    }

    private static HashSet<int> ParseRanges(string text, string what, int width)
    {
        var set = new HashSet<int>();
        if (text.Length == 0)
            return set;
        foreach (var part in text.Split(','))
        {
            var bounds = part.Split('-');
            if (bounds.Length > 2 || !TryBit(bounds[0], out var lo) || !TryBit(bounds[^1], out var hi) || lo > hi || hi >= width)
                throw new NetlistException($"attribute {what}: '{part}' is not a range of bits below {width}");
            for (var i = lo; i <= hi; i++)
                set.Add(i);
        }
        return set;

        static bool TryBit(string s, out int bit) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out bit);
    }
}
