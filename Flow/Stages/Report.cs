using GateForge.Flow.Reports;

namespace GateForge.Flow;

/// <summary>A design's report and where its HTML page was written.</summary>
public sealed record RenderedReport(DesignReport Report, string HtmlPath);

public static partial class DesignFlow
{
    /// <summary>
    /// <c>report</c>: loads a design folder's report.json (or the file itself) and renders
    /// report.html from it, into <paramref name="htmlPath"/> when given.
    /// </summary>
    public static RenderedReport Report(string designOrReport, string? htmlPath)
    {
        var reportPath = Inputs.ReportPath(designOrReport);
        var report = ReportJson.Load(reportPath);
        var target = htmlPath ?? Path.Combine(Path.GetDirectoryName(reportPath)!, ReportHtml.FileName);
        ReportHtml.Save(report, target);
        return new RenderedReport(report, target);
    }
}
