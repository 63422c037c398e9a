namespace GateForge.Ir;

/// <summary>
/// The hex vector files of the generated-file contract (<c>vectors_in.hex</c>, <c>vectors_out.hex</c>,
/// read by the test benches with <c>$readmemh</c>): one line per vector, the buses concatenated in
/// bus order (without <c>in_valid</c> / <c>out_valid</c>) as one hexadecimal number of ⌈W/4⌉ digits
/// (at least one), most significant digit first, bit 0 = bit 0 of the first bus.
/// </summary>
public static class HexVectors
{
    /// <summary>The input bus left out of vector files (pipelined netlists).</summary>
    public const string InValidBus = Names.Buses.InValid;
    /// <summary>The output bus left out of vector files (pipelined netlists).</summary>
    public const string OutValidBus = Names.Buses.OutValid;

    /// <summary>Bits per line of an input vector file: all input buses but <c>in_valid</c>.</summary>
    public static int InputWidth(Netlist nl) => Rows(nl.InputBuses, InValidBus).Length;

    /// <summary>Bits per line of an output vector file: all output buses but <c>out_valid</c>.</summary>
    public static int OutputWidth(Netlist nl) => Rows(nl.OutputBuses, OutValidBus).Length;

    /// <summary>Digits per line for a vector of <paramref name="width"/> bits.</summary>
    public static int Digits(int width) => Math.Max(1, (width + 3) / 4);

    /// <summary>Writes one line per sample of <paramref name="inputs"/> (one row per netlist input, as the evaluators take them).</summary>
    public static void WriteInputs(Netlist nl, PackedBits inputs, TextWriter writer) => WriteSide(nl, inputs, writer, outputs: false);

    /// <summary>Writes one line per sample of <paramref name="outputs"/> (all output buses concatenated, as <c>CombEvaluator.Evaluate</c> returns them).</summary>
    public static void WriteOutputs(Netlist nl, PackedBits outputs, TextWriter writer) => WriteSide(nl, outputs, writer, outputs: true);

    // The inputs or the outputs of a netlist, one row per netlist input or output.
    private static void WriteSide(Netlist nl, PackedBits bits, TextWriter writer, bool outputs)
    {
        ArgumentNullException.ThrowIfNull(nl);
        ArgumentNullException.ThrowIfNull(bits);
        var (count, side) = outputs ? (nl.OutputCount, "output") : (nl.InputCount, "input");
        if (bits.Signals != count)
            throw new ArgumentException($"netlist has {count} {side}s but {bits.Signals} {side} rows were given");
        WriteRows(bits, outputs ? Rows(nl.OutputBuses, OutValidBus) : Rows(nl.InputBuses, InValidBus), writer);
    }

    /// <summary>Writes one line per sample of <paramref name="bits"/>, row j = bit j of the line (all rows).</summary>
    public static void WriteLines(PackedBits bits, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(bits);
        WriteRows(bits, Enumerable.Range(0, bits.Signals).ToArray(), writer);
    }

    /// <summary>
    /// Parses a vector file back into a <paramref name="width"/> × lines matrix (row j = bit j of
    /// the line). Blank lines and <c>//</c> comments are skipped. Throws <see cref="NetlistException"/>
    /// naming <paramref name="sourceName"/>, the line and the problem.
    /// </summary>
    public static PackedBits ReadLines(TextReader reader, int width, string sourceName = "<vectors>")
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        var digits = Digits(width);
        var topMask = width % 4 == 0 ? 0xF : (1 << (width % 4)) - 1;
        if (width == 0)
            topMask = 0;
        var lines = new List<string>();
        var lineNo = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNo++;
            var text = raw.AsSpan();
            var comment = text.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0)
                text = text[..comment];
            text = text.Trim();
            if (text.IsEmpty)
                continue;
            if (text.Length != digits)
                throw new NetlistException($"{sourceName}:{lineNo}: expected {digits} hex digits for {width} bits, found {text.Length}");
            for (var i = 0; i < text.Length; i++)
            {
                var v = HexValue(text[i]);
                if (v < 0)
                    throw new NetlistException($"{sourceName}:{lineNo}: '{text[i]}' is not a hex digit");
                if (i == 0 && (v & ~topMask) != 0)
                    throw new NetlistException($"{sourceName}:{lineNo}: value has bits set above bit {width - 1}");
            }
            lines.Add(text.ToString());
        }
        var result = new PackedBits(width, lines.Count);
        for (var s = 0; s < lines.Count; s++)
        {
            var line = lines[s];
            for (var d = 0; d < digits; d++)
            {
                var v = HexValue(line[digits - 1 - d]);
                for (var k = 0; k < 4; k++)
                {
                    var bit = 4 * d + k;
                    if (bit < width && ((v >> k) & 1) != 0)
                        result.Set(bit, s, true);
                }
            }
        }
        return result;
    }

    private static int[] Rows(IReadOnlyList<Bus> buses, string skip)
    {
        var rows = new List<int>();
        var offset = 0;
        foreach (var bus in buses)
        {
            if (bus.Name != skip)
                for (var i = 0; i < bus.Width; i++)
                    rows.Add(offset + i);
            offset += bus.Width;
        }
        return [.. rows];
    }

    private static void WriteRows(PackedBits bits, int[] rows, TextWriter writer)
    {
        var digits = Digits(rows.Length);
        var line = new char[digits + 1];
        line[digits] = '\n';
        for (var s = 0; s < bits.Samples; s++)
        {
            for (var d = 0; d < digits; d++)
            {
                var v = 0;
                for (var k = 0; k < 4; k++)
                {
                    var bit = 4 * d + k;
                    if (bit < rows.Length && bits.Get(rows[bit], s))
                        v |= 1 << k;
                }
                line[digits - 1 - d] = "0123456789abcdef"[v];
            }
            writer.Write(line);
        }
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
