using System.Globalization;
using System.Text;

namespace GateForge.Ir;

/// <summary>
/// The canonical text dump of a netlist: deterministic and diff-friendly, used by snapshot tests
/// and <c>--dump-after</c>. Layout: a header line with counts, the buses, constraints and
/// attributes, one line per node in id order (<c>n12 = AND !n3 n7</c>), then one line per output
/// bit (<c>y[0] = !n12</c>).
/// </summary>
public static class NetlistDump
{
    /// <summary>The dump as one string (lines end in '\n').</summary>
    public static string ToText(Netlist nl)
    {
        using var sw = new StringWriter(new StringBuilder(64 + nl.NodeCount * 20), CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(nl, sw);
        return sw.ToString();
    }

    /// <summary>Streams the dump to <paramref name="writer"/> without building it in memory.</summary>
    public static void Write(Netlist nl, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(nl);
        ArgumentNullException.ThrowIfNull(writer);
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var ands = 0;
        var xors = 0;
        foreach (var k in kinds)
        {
            if (k == NodeKind.And)
                ands++;
            else if (k == NodeKind.Xor)
                xors++;
        }
        var inv = CultureInfo.InvariantCulture;
        writer.Write(string.Create(inv,
            $"netlist nodes={nl.NodeCount} inputs={nl.InputCount} outputs={nl.OutputCount} and={ands} xor={xors} latch={nl.LatchCount}\n"));
        foreach (var bus in nl.InputBuses)
            writer.Write(string.Create(inv, $"input {bus.Name} {bus.Width}\n"));
        foreach (var bus in nl.OutputBuses)
            writer.Write(string.Create(inv, $"output {bus.Name} {bus.Width}\n"));
        foreach (var c in nl.Constraints)
            writer.Write(string.Create(inv, $"constraint {c.Bus}[{c.Bit}] = {(c.Value ? 1 : 0)}\n"));
        foreach (var (key, value) in nl.Attributes)
            writer.Write($"attribute {Escape(key)} = {Escape(value)}\n");

        // Input position -> (bus, bit), so input lines name their bus bit.
        var inputBus = new string[nl.InputCount];
        var inputBit = new int[nl.InputCount];
        var pos = 0;
        foreach (var bus in nl.InputBuses)
            for (var i = 0; i < bus.Width && pos < inputBus.Length; i++, pos++)
            {
                inputBus[pos] = bus.Name;
                inputBit[pos] = i;
            }

        Span<char> line = stackalloc char[128];
        for (var node = 1; node < kinds.Length; node++)
        {
            var n = 0;
            AppendNode(line, ref n, node);
            Append(line, ref n, " = ");
            switch (kinds[node])
            {
                case NodeKind.And:
                case NodeKind.Xor:
                    Append(line, ref n, kinds[node] == NodeKind.And ? "AND " : "XOR ");
                    AppendLit(line, ref n, f0[node]);
                    line[n++] = ' ';
                    AppendLit(line, ref n, f1[node]);
                    break;
                case NodeKind.Latch:
                    Append(line, ref n, "LATCH next=");
                    AppendLit(line, ref n, f0[node]);
                    Append(line, ref n, f1[node] switch
                    {
                        LatchInit.Zero => " init=0",
                        LatchInit.One => " init=1",
                        _ => " init=none",
                    });
                    break;
                case NodeKind.Input:
                    writer.Write(line[..n]);
                    n = 0;
                    var p = f0[node];
                    writer.Write(p >= 0 && p < inputBus.Length && inputBus[p] is not null
                        ? string.Create(inv, $"INPUT {inputBus[p]}[{inputBit[p]}]")
                        : string.Create(inv, $"INPUT ?{p}"));
                    break;
                default:
                    Append(line, ref n, "CONST0");
                    break;
            }
            line[n++] = '\n';
            writer.Write(line[..n]);
        }

        foreach (var bus in nl.OutputBuses)
        {
            var bits = bus.Bits;
            for (var i = 0; i < bits.Length; i++)
            {
                writer.Write(bus.Name);
                var n = 0;
                line[n++] = '[';
                AppendInt(line, ref n, i);
                Append(line, ref n, "] = ");
                AppendLit(line, ref n, bits[i]);
                line[n++] = '\n';
                writer.Write(line[..n]);
            }
        }
    }

    /// <summary>Backslash-escapes control characters and backslashes so every attribute stays on one line.</summary>
    internal static string Escape(string s)
    {
        var plain = true;
        foreach (var ch in s)
            if (ch < ' ' || ch == '\\' || ch == '\u007f')
                plain = false;
        if (plain)
            return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (ch < ' ' || ch == '\u007f')
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}");
                    else
                        sb.Append(ch);
                    break;
            }
        }
        return sb.ToString();
    }

    private static void Append(Span<char> line, ref int n, string s)
    {
        s.AsSpan().CopyTo(line[n..]);
        n += s.Length;
    }

    private static void AppendInt(Span<char> line, ref int n, int value)
    {
        value.TryFormat(line[n..], out var written, default, CultureInfo.InvariantCulture);
        n += written;
    }

    private static void AppendNode(Span<char> line, ref int n, int node)
    {
        line[n++] = 'n';
        AppendInt(line, ref n, node);
    }

    private static void AppendLit(Span<char> line, ref int n, int lit)
    {
        if (lit < 2)
        {
            line[n++] = lit switch { 0 => '0', 1 => '1', _ => '?' };
            return;
        }
        if ((lit & 1) != 0)
            line[n++] = '!';
        AppendNode(line, ref n, lit >> 1);
    }
}
