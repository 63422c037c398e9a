using System.Globalization;
using System.Numerics;

namespace GateForge.Sim.Vcd;

/// <summary>A variable declared in a VCD header.</summary>
public sealed record VcdVariable(string Code, string Name, int Width, string Scope);

/// <summary>
/// A small VCD reader (enough for tests and for checking what <see cref="VcdWriter"/> and Icarus
/// write): the variables and each one's value changes. Values are unsigned integers of any width
/// (a <see cref="BigInteger"/>: score buses are often wider than 64 bits); x and z read as 0.
/// </summary>
public sealed class VcdFile
{
    private readonly Dictionary<string, VcdVariable> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Time, BigInteger Value)>> _changes = new(StringComparer.Ordinal);

    private VcdFile()
    {
    }

    public string? Timescale { get; private set; }
    public IReadOnlyList<VcdVariable> Variables => [.. _byName.Values];
    public long EndTime { get; private set; }

    public static VcdFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static VcdFile Parse(string text, string source = "<vcd>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var vcd = new VcdFile();
        var tokens = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var scopes = new List<string>();
        var codes = new Dictionary<string, List<VcdVariable>>(StringComparer.Ordinal);
        long time = 0;
        var i = 0;
        string Next() => i < tokens.Length ? tokens[i++] : throw new FormatException($"{source}: unexpected end of file");
        while (i < tokens.Length)
        {
            var tok = Next();
            switch (tok)
            {
                case "$timescale":
                    vcd.Timescale = string.Join(" ", ReadUntilEnd());
                    break;
                case "$scope":
                    {
                        var parts = ReadUntilEnd();
                        scopes.Add(parts.Count > 1 ? parts[1] : "");
                        break;
                    }
                case "$upscope":
                    ReadUntilEnd();
                    if (scopes.Count > 0)
                        scopes.RemoveAt(scopes.Count - 1);
                    break;
                case "$var":
                    {
                        var parts = ReadUntilEnd();
                        if (parts.Count < 4 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var width))
                            throw new FormatException($"{source}: malformed $var: {string.Join(" ", parts)}");
                        var v = new VcdVariable(parts[2], parts[3], width, string.Join(".", scopes));
                        vcd._byName.TryAdd(v.Name, v);
                        if (!codes.TryGetValue(v.Code, out var list))
                            codes[v.Code] = list = [];
                        list.Add(v);
                        break;
                    }
                case "$dumpvars" or "$dumpall" or "$dumpon" or "$dumpoff" or "$end":
                    break;
                default:
                    if (tok.StartsWith('$'))
                    {
                        ReadUntilEnd();
                        break;
                    }
                    if (tok[0] == '#')
                    {
                        time = long.Parse(tok.AsSpan(1), CultureInfo.InvariantCulture);
                        vcd.EndTime = Math.Max(vcd.EndTime, time);
                        break;
                    }
                    if (tok[0] is 'b' or 'B')
                    {
                        Change(tok[1..], Next());
                        break;
                    }
                    if (tok[0] is 'r' or 'R')
                    {
                        Next();
                        break;
                    }
                    if (tok[0] is '0' or '1' or 'x' or 'X' or 'z' or 'Z')
                    {
                        Change(tok[..1], tok[1..]);
                        break;
                    }
                    throw new FormatException($"{source}: unexpected token '{tok}'");
            }
        }
        return vcd;

        List<string> ReadUntilEnd()
        {
            var parts = new List<string>();
            while (true)
            {
                var t = Next();
                if (t == "$end")
                    return parts;
                parts.Add(t);
            }
        }

        void Change(string bits, string code)
        {
            if (!codes.TryGetValue(code, out var vars))
                throw new FormatException($"{source}: value change for undeclared identifier '{code}'");
            var value = Parse(bits);
            foreach (var v in vars)
            {
                if (!vcd._changes.TryGetValue(v.Name, out var list))
                    vcd._changes[v.Name] = list = [];
                if (list.Count > 0 && list[^1].Time == time)
                    list[^1] = (time, value);
                else
                    list.Add((time, value));
            }
        }
    }

    /// <summary>A VCD binary value (most significant bit first); x and z count as 0.</summary>
    private static BigInteger Parse(string bits)
    {
        if (bits.Length <= 64)
        {
            ulong small = 0;
            foreach (var c in bits)
                small = (small << 1) | (c == '1' ? 1UL : 0UL);
            return small;
        }
        var bytes = new byte[(bits.Length + 7) / 8];
        for (var i = 0; i < bits.Length; i++)
            if (bits[bits.Length - 1 - i] == '1')
                bytes[i / 8] |= (byte)(1 << (i % 8));
        return new BigInteger(bytes, isUnsigned: true);
    }

    public VcdVariable Variable(string name) =>
        _byName.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"VCD has no variable '{name}'");

    /// <summary>Value changes of <paramref name="name"/> in time order.</summary>
    public IReadOnlyList<(long Time, BigInteger Value)> Changes(string name)
    {
        Variable(name);
        return _changes.TryGetValue(name, out var list) ? list : [];
    }

    /// <summary>The value of <paramref name="name"/> at <paramref name="time"/> (after the changes at that time).</summary>
    public BigInteger ValueAt(string name, long time)
    {
        var value = BigInteger.Zero;
        foreach (var (t, v) in Changes(name))
        {
            if (t > time)
                break;
            value = v;
        }
        return value;
    }
}
