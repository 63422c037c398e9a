using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Series;

namespace GateForge.Flow.Reports;

internal static partial class ReportPlots
{
    /// <summary>The measures of the area plot, one bar each, stacked by part.</summary>
    public static readonly string[] AreaMeasures = ["gates", "AND-equivalent", "LUT6"];

    /// <summary>
    /// Where the area goes (issue 14): one stacked bar per measure (gates, AND-equivalents, LUT6),
    /// each part of the design (encoder, layers, popcounts, argmax) one segment. Without LUT6
    /// figures (ABC not installed) the LUT6 bar is empty.
    /// </summary>
    public static PlotModel? Area(AreaSection? area)
    {
        if (area is null || area.Parts.Count == 0)
            return null;
        var model = NewCategoryModel("Area by part of the design", AreaMeasures);
        model.Axes.Add(new CategoryAxis { Position = AxisPosition.Left, ItemsSource = AreaMeasures, StartPosition = 1, EndPosition = 0 });
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = "count", MinimumPadding = 0, AbsoluteMinimum = 0 });
        foreach (var part in area.Parts)
        {
            var series = new BarSeries { Title = part.Part, IsStacked = true };
            series.Items.Add(new BarItem(part.Gates));
            series.Items.Add(new BarItem(part.AndEquivalent));
            series.Items.Add(new BarItem(part.Lut6 ?? 0));
            model.Series.Add(series);
        }
        return model;
    }
}
