using System.Globalization;

namespace GateForge.Ir;

/// <summary>
/// Turns the input or output symbols of an AIGER file into buses, whatever order the file lists
/// them in. Yosys's <c>write_aiger -symbols</c> writes a bus out of bit order (<c>i255 x[0]</c>,
/// <c>i0 x[1]</c>, …); ABC's <c>write_aiger -s</c> keeps the order it read. Rules:
/// <list type="bullet">
/// <item><c>name[i]</c> (i written without leading zeros) is bit i of bus <c>name</c>; the bits of a
/// bus must be exactly 0..w-1, each once, or the file is refused in one line.</item>
/// <item>Any other symbol is a one-bit bus of that exact name. A bus with only <c>name[0]</c> keeps
/// the name <c>name[0]</c>: the writer spells a one-bit bus without an index, and ABC's
/// <c>cec</c> matches inputs by name, so a renamed bit would make read-vs-written differ.</item>
/// <item>Buses come in the order of their lowest file position.</item>
/// </list>
/// Every name therefore comes back exactly as read when the netlist is written.
/// </summary>
internal static class AigerSymbols
{
    /// <summary>Buses as (name, file position of bit 0, 1, …); one default bus when the file has no symbols.</summary>
    public static List<(string Name, int[] Positions)> Group(string?[] names, string source, string what, string defaultName)
    {
        var buses = new List<(string Name, int[] Positions)>();
        if (names.Length == 0)
            return buses;
        var named = names.Count(n => n is not null);
        if (named == 0)
        {
            buses.Add((defaultName, Enumerable.Range(0, names.Length).ToArray()));
            return buses;
        }
        if (named != names.Length)
            throw new NetlistException($"{source}: {what} {Array.IndexOf(names, null)} has no symbol while others do; pass an interface template");

        // Per bus name: bit index -> file position, and the lowest position (the bus's place).
        var bits = new Dictionary<string, SortedDictionary<int, int>>(StringComparer.Ordinal);
        var scalars = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < names.Length; p++)
        {
            var symbol = names[p]!;
            var (name, index) = SplitIndex(symbol);
            if (index < 0)
            {
                if (!scalars.TryAdd(symbol, p))
                    throw new NetlistException($"{source}: {what}s {scalars[symbol]} and {p} are both named '{Excerpt.Of(symbol)}'");
                continue;
            }
            if (!bits.TryGetValue(name, out var map))
            {
                bits[name] = map = [];
                first[name] = p;
            }
            if (!map.TryAdd(index, p))
                throw new NetlistException($"{source}: {what}s {map[index]} and {p} are both named '{Excerpt.Of(symbol)}'");
        }

        var ordered = new List<(int First, string Name, int[] Positions)>();
        foreach (var (name, map) in bits)
        {
            var width = map.Count;
            if (map.Keys.Last() != width - 1)
            {
                var missing = Enumerable.Range(0, width).First(i => !map.ContainsKey(i));
                throw new NetlistException($"{source}: {what} bus '{Excerpt.Of(name)}' has bit {map.Keys.Last()} but no bit {missing}");
            }
            var busName = width == 1 ? $"{name}[0]" : name;
            if (scalars.ContainsKey(busName))
                throw new NetlistException($"{source}: '{Excerpt.Of(busName)}' names both a one-bit {what} and a {what} bus");
            ordered.Add((first[name], busName, [.. map.Values]));
        }
        foreach (var (name, p) in scalars)
            ordered.Add((p, name, [p]));
        ordered.Sort((a, b) => a.First.CompareTo(b.First));
        buses.AddRange(ordered.Select(o => (o.Name, o.Positions)));
        return buses;
    }

    /// <summary>("x", 3) for "x[3]"; (symbol, -1) when the symbol is not a name followed by a canonical index.</summary>
    private static (string Name, int Index) SplitIndex(string symbol)
    {
        if (symbol.Length < 4 || symbol[^1] != ']')
            return (symbol, -1);
        var open = symbol.LastIndexOf('[');
        if (open <= 0)
            return (symbol, -1);
        var digits = symbol.AsSpan(open + 1, symbol.Length - open - 2);
        if (digits.Length == 0 || (digits.Length > 1 && digits[0] == '0') ||
            !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            return (symbol, -1);
        return (symbol[..open], index);
    }
}
