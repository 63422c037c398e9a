using System.Buffers.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GateForge.Ir;

/// <summary>
/// The netlist file <c>netlist.json</c>: <c>"format": "gateforge-netlist"</c>, <c>"version": 1</c>,
/// then <c>nodeCount</c>, <c>attributes</c>, <c>inputs</c> (name, width), <c>outputs</c> (name,
/// bits as literals), <c>constraints</c>, and <c>nodes</c>: one <c>[kind, fanin0, fanin1]</c> triple
/// per node from node 1 on, one per line (kind 1 input: fanin0 = input position; 2 and; 3 xor;
/// 4 latch: fanin0 = next-state literal, fanin1 = reset value 0, 1 or 2). Reading rebuilds the
/// netlist through <see cref="NetlistBuilder"/>, so a canonical netlist comes back with the same
/// node ids and any other valid file comes back canonical.
/// </summary>
public static class NetlistJson
{
    public const string FormatName = "gateforge-netlist";
    public const int Version = 1;

    private const int FlushThreshold = 1 << 16;

    public static void Write(Netlist nl, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(nl);
        ArgumentNullException.ThrowIfNull(stream);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", Version);
        w.WriteNumber("nodeCount", nl.NodeCount);

        w.WriteStartObject("attributes");
        foreach (var (key, value) in nl.Attributes)
            w.WriteString(key, value);
        w.WriteEndObject();

        WriteObjects(w, "inputs", nl.InputBuses, bus =>
        {
            w.WriteString("name", bus.Name);
            w.WriteNumber("width", bus.Width);
        });
        var scratch = new byte[64];
        WriteObjects(w, "outputs", nl.OutputBuses, bus =>
        {
            w.WriteString("name", bus.Name);
            w.WritePropertyName("bits");
            w.WriteRawValue(IntList(bus.Bits, ref scratch), skipInputValidation: true);
        });
        WriteObjects(w, "constraints", nl.Constraints, c =>
        {
            w.WriteString("bus", c.Bus);
            w.WriteNumber("bit", c.Bit);
            w.WriteNumber("value", c.Value ? 1 : 0);
        });

        // One triple per line, formatted here: 1M nodes must write in well under a second. The
        // writer does not indent raw values, so each carries its own line break and indentation.
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        Span<byte> triple = stackalloc byte[48];
        w.WriteStartArray("nodes");
        for (var i = 1; i < kinds.Length; i++)
        {
            var n = 0;
            "\n    "u8.CopyTo(triple);
            n += 5;
            triple[n++] = (byte)'[';
            triple[n++] = (byte)('0' + (int)kinds[i]);
            triple[n++] = (byte)',';
            triple[n++] = (byte)' ';
            Utf8Formatter.TryFormat(f0[i], triple[n..], out var a);
            n += a;
            triple[n++] = (byte)',';
            triple[n++] = (byte)' ';
            Utf8Formatter.TryFormat(f1[i], triple[n..], out var b);
            n += b;
            triple[n++] = (byte)']';
            w.WriteRawValue(triple[..n], skipInputValidation: true);
            if (w.BytesPending > FlushThreshold)
                w.Flush();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it into place.</summary>
    public static void Save(Netlist nl, string path) => AtomicOutput.WriteFile(path, s => Write(nl, s));

    /// <summary>
    /// Reads a netlist; <paramref name="sourceName"/> names the file in error messages. Malformed
    /// input throws <see cref="NetlistException"/> naming the file, the place and the problem.
    /// </summary>
    public static Netlist Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var data = InputFile.ReadAll(stream);
        var doc = JsonNetlistReader.Parse(data, sourceName);
        return JsonNetlistReader.Build(doc, sourceName);
    }

    public static Netlist Load(string path)
    {
        using var s = InputFile.OpenRead(path);
        return Read(s, path);
    }

    // An array of objects, one per item, its fields written by fields.
    private static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> fields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            fields(item);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static ReadOnlySpan<byte> IntList(int[] values, ref byte[] buffer)
    {
        var need = 2 + values.Length * 13;
        if (buffer.Length < need)
            buffer = new byte[need];
        var n = 0;
        buffer[n++] = (byte)'[';
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                buffer[n++] = (byte)',';
                buffer[n++] = (byte)' ';
            }
            Utf8Formatter.TryFormat(values[i], buffer.AsSpan(n), out var written);
            n += written;
        }
        buffer[n++] = (byte)']';
        return buffer.AsSpan(0, n);
    }
}
