using System.Globalization;
using GateForge.Flow;
using GateForge.Flow.Reports;
using GateForge.Ir.Tools;

namespace GateForge.Cli;

/// <summary>The plain-text summary `demo`, `run` and `report` print at the end.</summary>
internal static class SummaryPrinter
{
    /// <summary>The end of `demo` and `run`: the summary, where the design is, exit 1 when a check failed.</summary>
    public static int Finish(CliContext context, DesignReport report, string folder)
    {
        Print(context.Out, report);
        context.Line($"  design folder   {folder}");
        context.Line($"  report          {Path.Combine(folder, ReportHtml.FileName)}");
        var failed = DesignFlow.FailedChecks(report);
        if (failed > 0)
            throw new VerificationFailedException($"{failed} equivalence checks failed (see {Path.Combine(folder, ReportJson.FileName)})");
        return ExitCodes.Ok;
    }

    public static void Print(TextWriter o, DesignReport r)
    {
        o.WriteLine();
        o.WriteLine($"Summary of {r.Design}");
        if (r.Model?.Accuracy is { } acc)
        {
            o.WriteLine($"  accuracy        soft {Pct(acc.Soft)}   discrete {Pct(acc.Discrete)}   gap {(r.Model.Gap is { } g ? g.ToString("0.00", CultureInfo.InvariantCulture) + " points" : "-")}");
        }
        if (r.Model?.CheckpointText() is { } checkpoint)
            o.WriteLine($"  checkpoint      {checkpoint}");
        if (r.Netlist is { } n)
        {
            var before = n.GatesBefore is { } b ? b.ToString("N0", CultureInfo.InvariantCulture) : "-";
            o.WriteLine($"  gates           {before} before optimisation, {n.GatesAfter.ToString("N0", CultureInfo.InvariantCulture)} after ({n.AndEquivalent.ToString("N0", CultureInfo.InvariantCulture)} AND-equivalent)");
            o.WriteLine($"  depth           {n.Depth} logic levels");
            if (r.Sequence is null)
                o.WriteLine($"  latency         {(n.Latency > 0 ? $"{n.Latency} cycles (a register every {n.PipelineEvery} levels)" : "0 (combinational)")}");
        }
        if (r.Sequence is { } seq)
        {
            o.WriteLine($"  sequence        {seq.HiddenBits} hidden bits ({seq.Latches} latches with the done latch), {seq.StepBits} input bits per step, result {seq.Latency} cycle(s) after the last step");
            if (seq.CyclesPerInference is { } cycles)
                o.WriteLine($"  cycles          {cycles} per inference ({seq.Steps} steps + {seq.Latency}), sequences back to back");
        }
        if (r.Area is { } area)
        {
            o.WriteLine($"  area            {string.Join(", ", area.Parts.Select(p => $"{p.Part} {p.Gates.ToString("N0", CultureInfo.InvariantCulture)} gates" + (p.Lut6 is { } l ? $" / {l.ToString("N0", CultureInfo.InvariantCulture)} LUT6" : "")))}");
            if (area.Lut6Whole is { } whole)
                o.WriteLine($"  area LUT6       {whole.ToString("N0", CultureInfo.InvariantCulture)} for the whole design, {Opt(area.Lut6Parts)} with each part mapped alone");
        }
        foreach (var s in r.Synthesis)
        {
            var figures = s.Status == SynthesisStatus.Ok
                ? $"{Opt(s.Luts)} LUTs, {Opt(s.Ffs)} FFs, {Opt(s.Cells)} cells"
                : $"{s.Status.Text()}: {s.Detail}";
            o.WriteLine($"  synth {s.Target,-9} {figures}   [{s.Tool}]");
        }
        if (r.Equivalence.Count > 0)
        {
            o.WriteLine("  equivalence");
            foreach (var e in r.Equivalence)
                o.WriteLine($"    {e.Status.Text().ToUpperInvariant(),-7} {e.Check}{(e.Detail.Length > 0 ? "  (" + e.Detail + ")" : "")}");
        }
    }

    private static string Pct(double? v) => v is { } x ? (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
    /// <summary>A count with thousands separators, as gate counts are printed (18362 → 18,362).</summary>
    private static string Opt(long? v) => v?.ToString("N0", CultureInfo.InvariantCulture) ?? "-";
}
