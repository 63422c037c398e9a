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

    private static StreamWriter NewText(string path) =>
        new(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
}
