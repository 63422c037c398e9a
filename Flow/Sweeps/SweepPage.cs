using System.Globalization;
using System.Net;
using System.Text;
using OxyPlot;
using OxyPlot.Annotations;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace GateForge.Flow.Sweeps;

/// <summary>A published result drawn on the sweep page for orientation (not measured here).</summary>
public sealed record PublishedPoint(string Name, double Accuracy, long Luts);

/// <summary>
/// <c>sweep.html</c>: one self-contained page (inline CSS and SVG drawn by OxyPlot's managed
/// exporter, no scripts) with accuracy against LUT6 and its Pareto front, the published points as
/// labelled references, accuracy against latency and its front, and the table.
/// </summary>
public static class SweepPage
{
    public const string FileName = "sweep.html";
    public const string PublishedSource = "full MNIST, secondary sources";

    /// <summary>The published points of issue 14 (full MNIST, copied from secondary sources).</summary>
    public static readonly IReadOnlyList<PublishedPoint> Published =
    [
        new("DWN", 0.971, 692),
        new("DWN", 0.983, 4_082),
        new("NeuraLUT", 0.96, 55_000),
        new("PolyLUT", 0.96, 71_000),
    ];

    private static readonly OxyColor PointColor = OxyColor.FromRgb(0x1f, 0x77, 0xb4);
    private static readonly OxyColor FrontColor = OxyColor.FromRgb(0xd6, 0x27, 0x28);
    private static readonly OxyColor PublishedColor = OxyColor.FromRgb(0x55, 0x55, 0x55);

    public static string Render(string title, string description, IReadOnlyList<SweepResult> results)
    {
        var lutFront = ParetoFront.Of(results, r => r.Lut6, r => r.DiscreteAccuracy);
        var latencyFront = ParetoFront.Of(results, r => r.LatencyCycles, r => r.DiscreteAccuracy);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append($"<title>GateForge sweep: {Esc(title)}</title>\n<style>\n{Css}</style>\n</head>\n<body>\n");
        html.Append($"<h1>GateForge sweep: {Esc(title)}</h1>\n<p>{Esc(description)}</p>\n");
        if (results.Count == 0)
            html.Append("<p>No point has finished yet.</p>\n");
        else
        {
            PlotSection(html, "pareto-luts", LutPlot(results, lutFront),
                $"Accuracy is the discrete test accuracy of the checkpoint chosen on held-out rows; LUT6 from ABC if -K 6. " +
                $"Grey diamonds: published results ({PublishedSource}), drawn for orientation, not measured here.");
            PlotSection(html, "pareto-latency", LatencyPlot(results, latencyFront), "Latency: clock cycles of the pipelined top.");
            Table(html, results, lutFront.ToHashSet(), latencyFront.ToHashSet());
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    public static void Save(string path, string title, string description, IReadOnlyList<SweepResult> results) =>
        Ir.AtomicOutput.WriteText(path, Render(title, description, results));

    private static PlotModel LutPlot(IReadOnlyList<SweepResult> results, IReadOnlyList<SweepResult> front)
    {
        var model = Model("Discrete accuracy vs LUT6");
        // LUT counts span from hundreds (these points) to tens of thousands (the published ones)
        model.Axes.Add(new LogarithmicAxis { Position = AxisPosition.Bottom, Title = "LUT6 (log scale)", MinimumPadding = 0.05, MaximumPadding = 0.05 });
        model.Axes.Add(AccuracyAxis());
        var drawn = results.Where(r => r.Lut6 > 0).ToList();
        model.Series.Add(Scatter("sweep points", PointColor, MarkerType.Circle, drawn.Select(r => (double)r.Lut6), drawn.Select(r => r.DiscreteAccuracy)));
        model.Series.Add(Front(front.Where(r => r.Lut6 > 0).Select(r => ((double)r.Lut6, r.DiscreteAccuracy))));
        model.Series.Add(Scatter($"published ({PublishedSource})", PublishedColor, MarkerType.Diamond,
            Published.Select(p => (double)p.Luts), Published.Select(p => p.Accuracy)));
        for (var i = 0; i < Published.Count; i++)
        {
            var p = Published[i];
            model.Annotations.Add(new TextAnnotation
            {
                Text = string.Create(CultureInfo.InvariantCulture, $"{p.Name} {100 * p.Accuracy:0.0}% @ {p.Luts:N0}"),
                TextPosition = new DataPoint(p.Luts, 100 * p.Accuracy),
                // labels of the right-hand points run leftwards, so they stay inside the plot
                TextHorizontalAlignment = p.Luts > 10_000 ? HorizontalAlignment.Right : HorizontalAlignment.Left,
                // alternately above and below: NeuraLUT and PolyLUT sit at one accuracy
                TextVerticalAlignment = i % 2 == 0 ? VerticalAlignment.Bottom : VerticalAlignment.Top,
                TextColor = PublishedColor,
                Stroke = OxyColors.Transparent,
                FontSize = 10,
            });
        }
        return model;
    }

    private static PlotModel LatencyPlot(IReadOnlyList<SweepResult> results, IReadOnlyList<SweepResult> front)
    {
        var model = Model("Discrete accuracy vs latency");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "latency (clock cycles)", MinimumPadding = 0.1, MaximumPadding = 0.1 });
        model.Axes.Add(AccuracyAxis());
        model.Series.Add(Scatter("sweep points", PointColor, MarkerType.Circle, results.Select(r => (double)r.LatencyCycles), results.Select(r => r.DiscreteAccuracy)));
        model.Series.Add(Front(front.Select(r => ((double)r.LatencyCycles, r.DiscreteAccuracy))));
        return model;
    }

    private static LinearAxis AccuracyAxis() => new()
    {
        Position = AxisPosition.Left,
        Title = "discrete test accuracy (%)",
        MinimumPadding = 0.08,
        MaximumPadding = 0.08,
        // the SVG exporter's text measure is short of the browser's: room between the tick labels and the title
        AxisTitleDistance = 14,
    };

    private static PlotModel Model(string title) => new()
    {
        Title = title,
        TitleFontSize = 14,
        DefaultFontSize = 11,
        DefaultFont = "Arial",
        Background = OxyColors.White,
        // the key is drawn in HTML under the plot: OxyPlot 2.2's SVG legend clips its text
        IsLegendVisible = false,
    };

    private static ScatterSeries Scatter(string title, OxyColor color, MarkerType marker, IEnumerable<double> x, IEnumerable<double> accuracy)
    {
        var series = new ScatterSeries { Title = title, MarkerType = marker, MarkerSize = 4, MarkerFill = color };
        series.Points.AddRange(x.Zip(accuracy, (cx, a) => new ScatterPoint(cx, 100 * a)));
        return series;
    }

    /// <summary>The front: its points ringed and joined in ascending cost.</summary>
    private static LineSeries Front(IEnumerable<(double Cost, double Accuracy)> front)
    {
        var line = new LineSeries
        {
            Title = "Pareto front",
            Color = FrontColor,
            StrokeThickness = 1.5,
            LineStyle = LineStyle.Solid,
            // the front's points ringed (a front of one point draws no line)
            MarkerType = MarkerType.Circle,
            MarkerSize = 6,
            MarkerFill = OxyColors.Transparent,
            MarkerStroke = FrontColor,
            MarkerStrokeThickness = 1.5,
        };
        line.Points.AddRange(front.Select(p => new DataPoint(p.Cost, 100 * p.Accuracy)));
        return line;
    }

    private static void PlotSection(StringBuilder html, string id, PlotModel model, string note)
    {
        var svg = new SvgExporter { Width = 760, Height = 400, IsDocument = false }.ExportToString(model);
        html.Append($"<section id=\"{id}\" class=\"plot\">\n{svg}\n<ul class=\"key\">");
        foreach (var series in model.Series)
        {
            var color = series switch
            {
                ScatterSeries s => s.MarkerFill,
                LineSeries l => l.Color,
                _ => OxyColors.Black,
            };
            html.Append($"<li><span class=\"swatch\" style=\"background:#{color.R:x2}{color.G:x2}{color.B:x2}\"></span>{Esc(series.Title)}</li>");
        }
        html.Append($"</ul>\n<p class=\"note\">{Esc(note)}</p>\n</section>\n");
    }

    private static void Table(StringBuilder html, IReadOnlyList<SweepResult> results, HashSet<SweepResult> lutFront, HashSet<SweepResult> latencyFront)
    {
        html.Append("<section id=\"results\">\n<h2>Points</h2>\n<table id=\"results-table\">\n<tr>");
        foreach (var h in new[] { "#", "point", "steps", "discrete", "soft", "gates", "depth", "LUT6", "latency", "head share", "train s", "front" })
            html.Append($"<th>{h}</th>");
        html.Append("</tr>\n");
        foreach (var r in results)
        {
            var front = string.Join(", ", new[] { lutFront.Contains(r) ? "LUT6" : null, latencyFront.Contains(r) ? "latency" : null }.OfType<string>());
            string[] cells =
            [
                Num(r.Index), r.Parameters.Describe(), Num(r.Steps),
                Pct(r.DiscreteAccuracy), Pct(r.SoftAccuracy), Num(r.Gates), Num(r.Depth), Num(r.Lut6), Num(r.LatencyCycles),
                r.HeadShare is { } s ? Pct(s) : "–", r.TrainSeconds.ToString("0.0", CultureInfo.InvariantCulture), front,
            ];
            html.Append(lutFront.Contains(r) ? "<tr class=\"front\">" : "<tr>");
            foreach (var c in cells)
                html.Append($"<td>{Esc(c)}</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n</section>\n");
    }

    private static string Num(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(double v) => (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + "%";
    private static string Esc(string s) => WebUtility.HtmlEncode(s);

    private const string Css = """
        body { font-family: Arial, Helvetica, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
        th { background: #f0f0f0; }
        tr.front td { font-weight: bold; }
        ul.key { list-style: none; padding: 0; margin: 0.2em 0; }
        ul.key li { display: inline-block; margin-right: 1.5em; }
        .swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; }
        .note { color: #555; font-size: 0.9em; }

        """;
}
