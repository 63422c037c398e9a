using System.Globalization;
using System.Text;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Fuzz;

/// <summary>The netlist readers: AIGER ASCII, AIGER binary and netlist JSON. All refuse bad input with <see cref="NetlistException"/>.</summary>
public static class NetlistTargets
{
    private static readonly Type[] Documented = [typeof(NetlistException)];

    private static Netlist[] Samples() =>
        [RandomNetlists.Dag(4, 12, 3, seed: 1), RandomNetlists.Dag(7, 30, 5, seed: 2, xorShare: 0.5), Counter()];

    /// <summary>A 2-bit counter with an enable: latches with both reset values.</summary>
    private static Netlist Counter()
    {
        var b = new NetlistBuilder();
        var en = b.AddInputBus("en", 1)[0];
        var q0 = b.AddLatch(LatchInit.Zero);
        var q1 = b.AddLatch(LatchInit.One);
        b.SetLatchNext(q0, b.Xor(q0, en));
        b.SetLatchNext(q1, b.Xor(q1, b.And(q0, en)));
        b.AddOutputBus("q", [q0, q1]);
        return b.Build();
    }

    private static byte[] Bytes(Action<Stream> write)
    {
        using var ms = new MemoryStream();
        write(ms);
        return ms.ToArray();
    }

    public static FuzzTarget AigerAscii() => new()
    {
        Name = "aiger-ascii",
        Seeds = [.. Samples().Select(nl => Bytes(s => Aiger.WriteAscii(nl, s)))],
        Generate = rng => GenerateAiger(rng, binary: false),
        Read = data => Aiger.Read(new MemoryStream(data), "fuzz.aag"),
        Documented = Documented,
    };

    public static FuzzTarget AigerBinary() => new()
    {
        Name = "aiger-binary",
        Seeds = [.. Samples().Select(nl => Bytes(s => Aiger.WriteBinary(nl, s)))],
        Generate = rng => GenerateAiger(rng, binary: true),
        Read = data => Aiger.Read(new MemoryStream(data), "fuzz.aig"),
        Documented = Documented,
    };

    public static FuzzTarget Json() => new()
    {
        Name = "netlist-json",
        Seeds = [.. Samples().Select(nl => Bytes(s => NetlistJson.Write(nl, s)))],
        Generate = GenerateJson,
        Read = data => NetlistJson.Read(new MemoryStream(data), "fuzz.json"),
        Documented = Documented,
    };

    /// <summary>A header with small counts, the sections it declares (literals mostly in range), symbols in a shuffled order.</summary>
    private static byte[] GenerateAiger(Random rng, bool binary)
    {
        int i = rng.Next(5), l = rng.Next(3), o = rng.Next(4), a = rng.Next(6);
        var m = i + l + a + (binary || rng.Next(4) != 0 ? 0 : rng.Next(3));
        var maxLit = 2 * m + 1 + (rng.Next(8) == 0 ? 4 : 0);
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{(binary ? "aig" : "aag")} {m} {i} {l} {o} {a}{(rng.Next(10) == 0 ? " 0 0" : "")}\n");
        var vars = Enumerable.Range(1, Math.Max(m, 1)).ToList();
        Grammar.Shuffle(rng, vars);
        if (!binary)
            for (var k = 0; k < i; k++)
                sb.Append(CultureInfo.InvariantCulture, $"{2 * vars[k % vars.Count]}\n");
        for (var k = 0; k < l; k++)
        {
            if (!binary)
                sb.Append(CultureInfo.InvariantCulture, $"{2 * vars[(i + k) % vars.Count]} ");
            sb.Append(CultureInfo.InvariantCulture, $"{rng.Next(maxLit + 1)}{(rng.Next(3) == 0 ? $" {rng.Next(3)}" : "")}\n");
        }
        for (var k = 0; k < o; k++)
            sb.Append(CultureInfo.InvariantCulture, $"{rng.Next(maxLit + 1)}\n");
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(sb.ToString()));
        for (var k = 0; k < a; k++)
        {
            if (binary)
            {
                bytes.AddRange(Varint((uint)rng.Next(1, 2 * (i + l + k + 1) + 1)));
                bytes.AddRange(Varint((uint)rng.Next(0, 8)));
            }
            else
                bytes.AddRange(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                    $"{2 * vars[(i + l + k) % vars.Count]} {rng.Next(maxLit + 1)} {rng.Next(maxLit + 1)}\n")));
        }
        var symbols = new List<string>();
        for (var k = 0; k < i; k++)
            if (rng.Next(8) != 0)
                symbols.Add($"i{k} {Grammar.Symbol(rng)}");
        for (var k = 0; k < o; k++)
            if (rng.Next(8) != 0)
                symbols.Add($"o{k} {Grammar.Symbol(rng)}");
        Grammar.Shuffle(rng, symbols);
        foreach (var s in symbols)
            bytes.AddRange(Encoding.UTF8.GetBytes(s + "\n"));
        if (rng.Next(3) == 0)
            bytes.AddRange("c\nfuzz\n"u8.ToArray());
        return [.. bytes];
    }

    private static byte[] Varint(uint value)
    {
        var result = new List<byte>();
        while (value >= 0x80)
        {
            result.Add((byte)(value | 0x80));
            value >>= 7;
        }
        result.Add((byte)value);
        return [.. result];
    }

    /// <summary>A valid random netlist's JSON with one structural change: a number, a name or a whole field swapped.</summary>
    private static byte[] GenerateJson(Random rng)
    {
        var nl = RandomNetlists.Dag(1 + rng.Next(6), rng.Next(20), 1 + rng.Next(3), seed: rng.Next(), xorShare: rng.NextDouble());
        var text = Encoding.UTF8.GetString(Bytes(s => NetlistJson.Write(nl, s)));
        var numbers = System.Text.RegularExpressions.Regex.Matches(text, "-?[0-9]+|\"[^\"]*\"");
        if (numbers.Count == 0)
            return Encoding.UTF8.GetBytes(text);
        var pick = numbers[rng.Next(numbers.Count)];
        var replacement = Grammar.JsonValue(rng, ["x", "y", "", "gateforge-netlist", "and", "xor", "input", "latch", "\\ud800", "\\n"]);
        return Encoding.UTF8.GetBytes(text[..pick.Index] + replacement + text[(pick.Index + pick.Length)..]);
    }
}
