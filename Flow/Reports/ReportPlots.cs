using GateForge.Ir.Passes;
using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace GateForge.Flow.Reports;

/// <summary>
/// The plots of report.html, built as OxyPlot models and exported as inline SVG by OxyPlot's
/// managed <see cref="SvgExporter"/> (text measured with its built-in font metrics, no native code).
/// Each method returns null when the report has no data for that plot.
/// </summary>
internal static partial class ReportPlots
{
    public static readonly string[] GateNames =
    [
        "FALSE", "AND", "A AND NOT B", "A", "NOT A AND B", "B", "XOR", "OR",
        "NOR", "XNOR", "NOT B", "B IMPLIES A", "NOT A", "A IMPLIES B", "NAND", "TRUE",
    ];

    /// <summary>Each series' title and colour as rendered (valid after <see cref="ToSvg"/>), for the key under the plot.</summary>
    public static IEnumerable<(string Title, string Color)> Key(PlotModel model)
    {
        foreach (var series in model.Series)
        {
            var color = series switch
            {
                LineSeries l => l.ActualColor,
                BarSeries b => b.ActualFillColor,
                _ => OxyColors.Black,
            };
            if (!string.IsNullOrEmpty(series.Title))
                yield return (series.Title, $"#{color.R:x2}{color.G:x2}{color.B:x2}");
        }
    }

    private const double HorizontalTitleDistance = 10;
    private const double VerticalTitleDistance = 18;

    public static string ToSvg(PlotModel model, int width = 760)
    {
        // OxyPlot 2.2's SVG export clipped taller bar charts here; keep one height and stack bars instead.
        const int height = 380;
        // The exporter's text measurer underestimates label sizes, so an axis title placed at OxyPlot's
        // default distance overlapped the tick labels in a browser; leave room for the real sizes.
        foreach (var axis in model.Axes.Where(a => !string.IsNullOrEmpty(a.Title)))
            axis.AxisTitleDistance = axis.IsHorizontal() ? HorizontalTitleDistance : VerticalTitleDistance;
        var exporter = new SvgExporter { Width = width, Height = height, IsDocument = false };
        return exporter.ExportToString(model);
    }

    public static PlotModel? TrainingLoss(TrainingCurves? curves)
    {
        if (curves is null || curves.Step.Count == 0)
            return null;
        var model = NewModel("Training loss");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "step" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "loss" });
        var loss = new LineSeries { Title = "loss" };
        for (var i = 0; i < curves.Step.Count && i < curves.Loss.Count; i++)
            if (double.IsFinite(curves.Loss[i]))
                loss.Points.Add(new DataPoint(curves.Step[i], curves.Loss[i]));
        model.Series.Add(loss);
        return model;
    }

    public static PlotModel? TrainingAccuracy(TrainingCurves? curves)
    {
        if (curves is null || curves.Step.Count == 0)
            return null;
        var model = NewModel("Test accuracy during training");
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "step" });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "accuracy (%)" });
        model.Series.Add(AccuracySeries("soft", curves.Step, curves.SoftAccuracy));
        model.Series.Add(AccuracySeries("discrete", curves.Step, curves.DiscreteAccuracy));
        return model;
    }

    public static PlotModel? GateHistogram(IReadOnlyList<LayerRecord> layers)
    {
        if (layers.Count == 0)
            return null;
        var model = NewCategoryModel("Gate types per layer", GateNames);
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = GateNames, StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "neurons", MinimumPadding = 0, AbsoluteMinimum = 0 });
        foreach (var layer in layers)
        {
            var series = new BarSeries { Title = $"layer {layer.Layer}", IsStacked = true };
            foreach (var count in layer.GateHistogram)
                series.Items.Add(new BarItem(count));
            model.Series.Add(series);
        }
        return model;
    }

    public static PlotModel? NeuronsKept(IReadOnlyList<LayerRecord> layers)
    {
        if (layers.Count == 0 || layers.All(l => l.Kept is null))
            return null;
        return PairedBars("Neurons per layer: trained and kept after optimisation", "neurons",
            [.. layers.Select(l => ($"layer {l.Layer}", (double)l.Neurons, (double)(l.Kept ?? 0)))], "trained", "kept");
    }

    public static PlotModel? Passes(IReadOnlyList<PassRecord> passes)
    {
        if (passes.Count == 0)
            return null;
        var model = NewModel("Gates and depth after each pass");
        var labels = new List<string> { "start" };
        labels.AddRange(passes.Select((p, i) => $"{i + 1}. {p.Text}"));
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Bottom, ItemsSource = labels, Angle = -30 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Left, Title = "gates", Key = "gates", MinimumPadding = 0.05, MaximumPadding = 0.05 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Right, Title = "depth", Key = "depth", MinimumPadding = 0.05, MaximumPadding = 0.05 });
        var gates = new LineSeries { Title = "gates", YAxisKey = "gates", MarkerType = MarkerType.Circle };
        var depth = new LineSeries { Title = "depth", YAxisKey = "depth", MarkerType = MarkerType.Square, LineStyle = LineStyle.Dash };
        gates.Points.Add(new DataPoint(0, passes[0].GatesBefore));
        depth.Points.Add(new DataPoint(0, passes[0].DepthBefore));
        for (var i = 0; i < passes.Count; i++)
        {
            gates.Points.Add(new DataPoint(i + 1, passes[i].GatesAfter));
            depth.Points.Add(new DataPoint(i + 1, passes[i].DepthAfter));
        }
        model.Series.Add(gates);
        model.Series.Add(depth);
        return model;
    }

    public static PlotModel? Synthesis(IReadOnlyList<SynthesisRecord> synthesis)
    {
        var rows = synthesis.Where(s => s.Luts is not null || s.Cells is not null).ToList();
        if (rows.Count == 0)
            return null;
        return PairedBars("Synthesis: LUTs and flip-flops per target", "count",
            [.. rows.Select(r => ($"{r.Target} ({r.Tool})", (double)(r.Luts ?? 0), (double)(r.Ffs ?? 0)))], "LUTs", "flip-flops");
    }

    /// <summary>Horizontal bars, two per category (<paramref name="first"/> and <paramref name="second"/>), categories top to bottom.</summary>
    private static PlotModel PairedBars(string title, string axisTitle, List<(string Name, double First, double Second)> rows, string first, string second)
    {
        var names = rows.Select(r => r.Name).ToList();
        var model = NewCategoryModel(title, names);
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = names, StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = axisTitle, MinimumPadding = 0, AbsoluteMinimum = 0 });
        var a = new BarSeries { Title = first };
        var b = new BarSeries { Title = second };
        foreach (var r in rows)
        {
            a.Items.Add(new BarItem(r.First));
            b.Items.Add(new BarItem(r.Second));
        }
        model.Series.Add(a);
        model.Series.Add(b);
        return model;
    }

    private static PlotModel NewModel(string title)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 14,
            DefaultFontSize = 11,
            // A font the SVG exporter's built-in metrics know, so that labels and legends are measured right.
            DefaultFont = "Arial",
            Background = OxyColors.White,
        };
        // OxyPlot 2.2's SVG legends clipped their text here; the page draws the key below the plot (ReportHtml).
        model.IsLegendVisible = false;
        return model;
    }

    /// <summary>A model whose left axis lists categories: room for their labels (the SVG text measurer underestimates widths).</summary>
    private static PlotModel NewCategoryModel(string title, IEnumerable<string> categories)
    {
        var model = NewModel(title);
        var longest = categories.Select(c => c.Length).DefaultIfEmpty(4).Max();
        model.PlotMargins = new OxyThickness(Math.Min(260, 24 + 7 * longest), double.NaN, double.NaN, double.NaN);
        return model;
    }

    private static LineSeries AccuracySeries(string title, List<int> steps, List<double?> values)
    {
        var series = new LineSeries { Title = title, MarkerType = MarkerType.Circle, MarkerSize = 3 };
        for (var i = 0; i < steps.Count && i < values.Count; i++)
            if (values[i] is { } v && double.IsFinite(v))
                series.Points.Add(new DataPoint(steps[i], 100 * v));
        return series;
    }
}
