using System.Text;
using GateForge.Emitters.Text;
using GateForge.Ir;
using GateForge.Ir.Sequences;

namespace GateForge.Emitters.Sequential;

/// <summary>
/// The self-checking test bench of a sequential design with the SPEC §8 interface
/// (<c>&lt;d&gt;_tb.v</c>, template <c>tb_seq.v.liquid</c>) and its vector files:
/// <c>seq_in.hex</c>, one line per step ({reset-before, in_last, x}, bit 0 = x[0]), and
/// <c>seq_out.hex</c>, one line per sequence (the outputs but out_valid, in bus order, as in
/// <see cref="HexVectors"/>). Every <see cref="ResetEvery"/>-th sequence is preceded by a reset cycle.
/// </summary>
public static class SequenceTestBench
{
    public const string InputFile = "seq_in.hex";
    public const string OutputFile = "seq_out.hex";
    public const int ResetEvery = 5;

    public static string Render(TemplateSet templates, Netlist netlist, string module, BitSequences sequences, int latency)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(sequences);
        var shape = new DesignShape(netlist);
        var outputs = shape.DataOutputs;
        return templates.Render("tb_seq.v.liquid", new Dictionary<string, object>
        {
            ["module"] = module,
            ["tb"] = module + "_tb",
            ["nstep"] = sequences.Lengths.Sum(),
            ["nseq"] = sequences.Count,
            ["step_bits"] = sequences.StepBits,
            ["out_width"] = shape.OutputBits,
            ["out_concat"] = DesignShape.Concat(outputs),
            ["signals"] = outputs.Select(b => new PortModel(b.Name, b.Width, $"wire [{b.Width - 1}:0] {b.Name}")).ToList(),
            ["latency"] = latency,
        });
    }

    /// <summary>Writes <c>seq_in.hex</c> and <c>seq_out.hex</c>; <paramref name="expected"/> has one column per sequence.</summary>
    public static void WriteVectors(string dir, Netlist netlist, BitSequences sequences, PackedBits expected)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(expected);
        var f = sequences.StepBits;
        var steps = new PackedBits(f + 2, sequences.Lengths.Sum());
        var k = 0;
        for (var i = 0; i < sequences.Count; i++)
        {
            for (var t = 0; t < sequences.Lengths[i]; t++, k++)
            {
                var bits = sequences.Step(i, t);
                for (var b = 0; b < f; b++)
                    steps.Set(b, k, bits[b] != 0);
                steps.Set(f, k, t == sequences.Lengths[i] - 1);
                steps.Set(f + 1, k, t == 0 && i % ResetEvery == ResetEvery - 1);
            }
        }
        if (expected.Samples != sequences.Count || expected.Signals != HexVectors.OutputWidth(netlist))
            throw new ArgumentException($"expected results are {expected.Signals} bits × {expected.Samples}, the design has {HexVectors.OutputWidth(netlist)} × {sequences.Count} sequences");
        using (var w = NewText(Path.Combine(dir, InputFile)))
            HexVectors.WriteLines(steps, w);
        using (var w = NewText(Path.Combine(dir, OutputFile)))
            HexVectors.WriteLines(expected, w);
    }

    /// <summary>
    /// Reads a <c>seq_in.hex</c>-format file back into sequences (cut at each in_last; the reset
    /// bits are the bench's, not part of a sequence). A file that does not end on an in_last step,
    /// or whose lines are not {reset, in_last, x} wide, is refused with one line.
    /// </summary>
    public static BitSequences ReadSequences(string path, int stepBits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepBits, 1);
        PackedBits steps;
        using (var reader = new StreamReader(path))
            steps = HexVectors.ReadLines(reader, stepBits + 2, path);
        var bits = new byte[steps.Samples * stepBits];
        var lengths = new List<int>();
        var length = 0;
        for (var k = 0; k < steps.Samples; k++)
        {
            for (var b = 0; b < stepBits; b++)
                bits[k * stepBits + b] = steps.Get(b, k) ? (byte)1 : (byte)0;
            length++;
            if (steps.Get(stepBits, k))
            {
                lengths.Add(length);
                length = 0;
            }
        }
        if (length > 0)
            throw new NetlistException($"{path}: the last {length} step(s) end without in_last (bit {stepBits} of the line); each sequence ends on an in_last step");
        if (lengths.Count == 0)
            throw new NetlistException($"{path}: no sequence (no step lines)");
        return new BitSequences(stepBits, bits, [.. lengths]);
    }

    /// <summary>Reads a <c>seq_out.hex</c>-format file: one result per sequence (the outputs but out_valid).</summary>
    public static PackedBits ReadResults(string path, Netlist netlist)
    {
        using var reader = new StreamReader(path);
        return HexVectors.ReadLines(reader, HexVectors.OutputWidth(netlist), path);
    }

    private static StreamWriter NewText(string path) =>
        new(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
}
