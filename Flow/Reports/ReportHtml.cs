using System.Globalization;
using System.Net;
using System.Text;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using OxyPlot;

namespace GateForge.Flow.Reports;

/// <summary>
/// Renders <c>report.html</c>: one self-contained page (inline CSS and SVG, no scripts, no external
/// URLs) with the training curves, gate histogram, neurons kept, per-pass figures, synthesis
/// figures and the equivalence table.
/// </summary>
public static class ReportHtml
{
    public const string FileName = Names.Files.ReportHtml;

    public static string Render(DesignReport r)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>GateForge report: {Esc(r.Design)}</title>\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append($"<h1>GateForge report: {Esc(r.Design)}</h1>\n");
        Summary(html, r);
        Section(html, "training", "Training", [ReportPlots.TrainingLoss(r.Training), ReportPlots.TrainingAccuracy(r.Training)],
            "No training curves: this design was not trained by this run of GateForge.");
        Section(html, "gates", "Gate types and neurons per layer", [ReportPlots.GateHistogram(r.Layers), ReportPlots.NeuronsKept(r.Layers)],
            "No layer data: the design did not come from a trained model.");
        Section(html, "area", "Area by part", [ReportPlots.Area(r.Area)],
            "No area breakdown: the design's original netlist does not record its parts (not frozen from a model by this GateForge).");
        AreaTable(html, r.Area);
        Section(html, "passes", "Optimisation passes", [ReportPlots.Passes(r.Passes)], "No passes were run.");
        PassTable(html, r.Passes);
        Section(html, "synthesis", "Synthesis", [ReportPlots.Synthesis(r.Synthesis)], "Not synthesised yet (run `gateforge synth`).");
        SynthesisTable(html, r.Synthesis);
        EquivalenceTable(html, r.Equivalence);
        TimingTable(html, r.Timings);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static void Save(DesignReport report, string path) => AtomicOutput.WriteText(path, Render(report));

    private static void Summary(StringBuilder html, DesignReport r)
    {
        html.Append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n");
        if (r.Model?.Accuracy is { } acc)
        {
            Row(html, "discrete test accuracy (hardware)", Pct(acc.Discrete));
            Row(html, "soft test accuracy (relaxed)", Pct(acc.Soft));
            Row(html, "discretisation gap", r.Model.Gap is { } g ? $"{Num(g, "0.00")} points" : "–");
        }
        if (r.Model?.CheckpointText() is { } checkpoint)
            Row(html, "frozen checkpoint", checkpoint);
        if (r.Netlist is { } n)
        {
            Row(html, "gates before optimisation", n.GatesBefore?.ToString("N0", CultureInfo.InvariantCulture) ?? "–");
            Row(html, "gates after optimisation", n.GatesAfter.ToString("N0", CultureInfo.InvariantCulture));
            Row(html, "AND-equivalent (AIGER ANDs)", n.AndEquivalent.ToString("N0", CultureInfo.InvariantCulture));
            Row(html, "logic depth", n.Depth.ToString(CultureInfo.InvariantCulture));
            if (r.Sequence is null)
                Row(html, "pipeline latency (cycles)", n.Latency.ToString(CultureInfo.InvariantCulture));
            Row(html, "inputs / outputs / flip-flops", $"{n.Inputs} / {n.Outputs} / {n.Latches}");
        }
        if (r.Sequence is { } seq)
        {
            Row(html, "hidden state (latches)", seq.HiddenBits.ToString(CultureInfo.InvariantCulture));
            Row(html, "input bits per step", seq.StepBits.ToString(CultureInfo.InvariantCulture));
            Row(html, "cycles per inference", seq.CyclesPerInference is { } c
                ? $"{c} ({seq.Steps} steps + {seq.Latency} to out_valid)"
                : $"one per step + {seq.Latency} to out_valid");
        }
        var passed = r.Equivalence.Count(e => e.Status == CheckStatus.Pass);
        var failed = r.Equivalence.Count(e => e.Status == CheckStatus.Fail);
        if (r.Equivalence.Count > 0)
            Row(html, "equivalence checks", $"{passed} pass, {failed} fail, {r.Equivalence.Count - passed - failed} skipped");
        html.Append("</table>\n</section>\n");
    }

    private static void Section(StringBuilder html, string id, string title, PlotModel?[] plots, string empty)
    {
        html.Append($"<section id=\"{id}\">\n<h2>{Esc(title)}</h2>\n");
        var any = false;
        foreach (var plot in plots)
        {
            if (plot is null)
                continue;
            any = true;
            html.Append("<figure class=\"plot\">\n").Append(ReportPlots.ToSvg(plot)).Append("\n<figcaption>");
            foreach (var (seriesTitle, color) in ReportPlots.Key(plot))
                html.Append($"<span class=\"key\"><span class=\"swatch\" style=\"background:{color}\"></span>{Esc(seriesTitle)}</span>");
            html.Append("</figcaption>\n</figure>\n");
        }
        if (!any)
            html.Append($"<p class=\"empty\">{Esc(empty)}</p>\n");
        html.Append("</section>\n");
    }

    private static void PassTable(StringBuilder html, List<PassRecord> passes)
    {
        if (passes.Count == 0)
            return;
        html.Append("<table id=\"pass-table\">\n<tr><th>#</th><th>pass</th><th>changed</th><th>gates before</th><th>gates after</th><th>depth after</th><th>ms</th></tr>\n");
        for (var i = 0; i < passes.Count; i++)
        {
            var p = passes[i];
            html.Append($"<tr><td>{i + 1}</td><td>{Esc(p.Text)}</td><td>{(p.Changed ? "yes" : "no")}</td><td>{p.GatesBefore}</td><td>{p.GatesAfter}</td><td>{p.DepthAfter.ToString(CultureInfo.InvariantCulture)}</td><td>{Num(p.Milliseconds, "0.0")}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    /// <summary>Each part's gates, AND-equivalents and LUT6 with its share, and how the parts' LUT6 sum compares with the whole design mapped at once.</summary>
    private static void AreaTable(StringBuilder html, AreaSection? area)
    {
        if (area is null || area.Parts.Count == 0)
            return;
        var gates = area.Parts.Sum(p => p.Gates);
        html.Append("<table id=\"area-table\">\n<tr><th>part</th><th>gates</th><th>share</th><th>AND-equivalent</th><th>LUT6</th></tr>\n");
        foreach (var p in area.Parts)
            html.Append($"<tr><td>{Esc(p.Part)}</td><td>{Count(p.Gates)}</td><td>{Share(p.Gates, gates)}</td><td>{Count(p.AndEquivalent)}</td><td>{Opt(p.Lut6)}</td></tr>\n");
        html.Append("</table>\n");
        if (area.Lut6Whole is { } whole && area.Lut6Parts is { } parts)
            html.Append($"<p>LUT6 (ABC <code>if -K 6</code>): {Count(whole)} for the whole design mapped at once, {Count(parts)} with each part mapped alone ({Share(parts - whole, whole)} more: no LUT spans two parts).</p>\n");
    }

    private static void SynthesisTable(StringBuilder html, List<SynthesisRecord> rows)
    {
        if (rows.Count == 0)
            return;
        html.Append("<table id=\"synthesis-table\">\n<tr><th>target</th><th>tool</th><th>LUTs</th><th>flip-flops</th><th>cells</th><th>status</th><th>s</th><th>detail</th></tr>\n");
        foreach (var s in rows)
            html.Append($"<tr><td>{Esc(s.Target)}</td><td>{Esc(s.Tool)}</td><td>{Opt(s.Luts)}</td><td>{Opt(s.Ffs)}</td><td>{Opt(s.Cells)}</td><td class=\"{Esc(s.Status.Text())}\">{Esc(s.Status.Text())}</td><td>{Num(s.Seconds, "0.0")}</td><td>{Esc(s.Detail)}</td></tr>\n");
        html.Append("</table>\n");
    }

    private static void EquivalenceTable(StringBuilder html, List<EquivalenceRecord> rows)
    {
        html.Append("<section id=\"equivalence\">\n<h2>Equivalence checks</h2>\n");
        if (rows.Count == 0)
        {
            html.Append("<p class=\"empty\">Not verified yet (run `gateforge verify`).</p>\n</section>\n");
            return;
        }
        html.Append("<table id=\"equivalence-table\">\n<tr><th>check</th><th>status</th><th>detail</th></tr>\n");
        foreach (var e in rows)
            html.Append($"<tr><td>{Esc(e.Check)}</td><td class=\"{Esc(e.Status.Text())}\">{Esc(e.Status.Text())}</td><td>{Esc(e.Detail)}</td></tr>\n");
        html.Append("</table>\n</section>\n");
    }

    private static void TimingTable(StringBuilder html, SortedDictionary<string, double> timings)
    {
        if (timings.Count == 0)
            return;
        html.Append("<section id=\"timings\">\n<h2>Timings</h2>\n<table id=\"timing-table\">\n<tr><th>stage</th><th>seconds</th></tr>\n");
        foreach (var (stage, seconds) in timings)
            html.Append($"<tr><td>{Esc(stage)}</td><td>{Num(seconds, "0.0")}</td></tr>\n");
        html.Append("</table>\n</section>\n");
    }

    private static void Row(StringBuilder html, string key, string value) =>
        html.Append($"<tr><th>{Esc(key)}</th><td>{Esc(value)}</td></tr>\n");

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
    private static string Num(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
    private static string Pct(double? v) => v is { } x ? Num(100 * x, "0.00") + " %" : "–";
    private static string Opt(long? v) => v is { } x ? Count(x) : "–";
    private static string Count(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string Share(long part, long whole) => whole == 0 ? "–" : Num(100.0 * part / whole, "0.0") + " %";

    private const string Css = """
        body { font-family: sans-serif; margin: 2em auto; max-width: 62em; color: #222; }
        h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; padding-bottom: .2em; margin-top: 1.6em; }
        table { border-collapse: collapse; margin: .8em 0; font-size: .92em; }
        th, td { border: 1px solid #ccc; padding: .25em .6em; text-align: left; vertical-align: top; }
        table.summary th { background: #f4f4f4; font-weight: normal; }
        td.pass { color: #176b24; font-weight: bold; } td.fail { color: #b00020; font-weight: bold; } td.skipped { color: #8a6d00; }
        td.ok { color: #176b24; } td.error { color: #b00020; }
        figure.plot { margin: .8em 0; overflow-x: auto; }
        figcaption .key { margin-right: 1.4em; font-size: .9em; } .swatch { display: inline-block; width: 1.6em; height: .7em; margin-right: .4em; vertical-align: middle; }
        p.empty { color: #666; font-style: italic; }

        """;
}
