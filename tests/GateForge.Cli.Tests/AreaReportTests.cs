using System.Text.RegularExpressions;
using GateForge.Flow.Reports;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>report.html's area section (issue 14): a stacked bar per measure, and the parts' table.</summary>
public sealed class AreaReportTests
{
    private static DesignReport WithArea() => new()
    {
        Design = "area",
        Area = new AreaSection
        {
            Parts =
            [
                new AreaPartRecord("layer1", 1_200, 1_500, 400),
                new AreaPartRecord("layer2", 800, 900, 250),
                new AreaPartRecord("popcounts", 38_000, 52_000, 12_345),
                new AreaPartRecord("argmax", 1_000, 1_100, 300),
            ],
            Lut6Whole = 12_000,
            Lut6Parts = 13_295,
        },
    };

    [Fact]
    public void The_area_section_draws_one_stacked_bar_per_measure_and_tabulates_each_part()
    {
        using var dir = new TempDir("gf-cli-area");
        var path = dir.File("report.html");
        ReportHtml.Save(WithArea(), path);
        var dom = Chromium.DumpDom(path);
        var section = Regex.Match(dom, "<section id=\"area\">.*?</section>", RegexOptions.Singleline).Value;
        Assert.Single(Regex.Matches(section, "<svg[ >]"));
        Assert.Contains("Area by part of the design", section, StringComparison.Ordinal);
        foreach (var measure in ReportPlots.AreaMeasures)
            Assert.Contains(measure, section, StringComparison.Ordinal);
        // the key names every part, in the order of the design
        var keys = Regex.Matches(section, "</span>([a-z0-9]+)</span>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["layer1", "layer2", "popcounts", "argmax"], keys);

        var table = Regex.Match(dom, "<table id=\"area-table\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Contains("<td>popcounts</td><td>38,000</td><td>92.7 %</td><td>52,000</td><td>12,345</td>", table, StringComparison.Ordinal);
        Assert.Contains("12,000 for the whole design mapped at once, 13,295 with each part mapped alone (10.8 % more", dom, StringComparison.Ordinal);
    }
}
