using System.Text.Json;
using System.Text.RegularExpressions;
using GateForge.Flow.Reports;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

public sealed class ReportTests
{
    [Fact]
    public void Report_json_keys_are_stable()
    {
        var json = ReportJson.ToJson(SampleReports.Full());
        using var doc = JsonDocument.Parse(json);
        var keys = string.Join("\n", Keys(doc.RootElement, ""));
        Snapshot.Match(keys, "keys", "txt");
    }

    [Fact]
    public void Report_json_round_trips()
    {
        var json = ReportJson.ToJson(SampleReports.Full());
        var back = ReportJson.Parse(json, "test");
        Assert.Equal(json, ReportJson.ToJson(back));
    }

    [Fact]
    public void Malformed_report_is_refused_naming_the_file()
    {
        var e = Assert.Throws<InvalidDataException>(() => ReportJson.Parse("{\"design\": [1,", "x/report.json"));
        Assert.StartsWith("x/report.json:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained_and_renders_in_chromium_with_plots_and_tables()
    {
        using var dir = new TempDir("gf-cli-html");
        var path = dir.File("report.html");
        ReportHtml.Save(SampleReports.Full(), path);
        var html = File.ReadAllText(path);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        var dom = Chromium.DumpDom(path);
        // training loss, training accuracy, gate histogram, neurons kept, passes, synthesis
        Assert.Equal(6, Regex.Matches(dom, "<svg[ >]").Count);
        foreach (var id in new[] { "pass-table", "synthesis-table", "equivalence-table", "timing-table" })
            Assert.Contains($"id=\"{id}\"", dom, StringComparison.Ordinal);
        // plots carry their text (titles and axis labels), drawn by the plotting library
        Assert.Contains("Gate types per layer", dom, StringComparison.Ordinal);
        Assert.Contains("XNOR", dom, StringComparison.Ordinal);
        Assert.Contains("verilog in verilator", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_of_an_empty_report_says_what_is_missing()
    {
        var html = ReportHtml.Render(new DesignReport { Design = "bare" });
        Assert.Contains("Not verified yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Contains("No area breakdown", html, StringComparison.Ordinal);
        Assert.DoesNotContain("area-table", html, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Keys(JsonElement e, string prefix)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    yield return prefix + p.Name;
                    foreach (var k in Keys(p.Value, prefix + p.Name + "."))
                        yield return k;
                }
                break;
            case JsonValueKind.Array when e.GetArrayLength() > 0:
                foreach (var k in Keys(e[0], prefix + "[]."))
                    yield return k;
                break;
        }
    }
}

/// <summary>Issue 16: report.html's axis titles clear the tick labels, measured in Chromium after layout.</summary>
public sealed class ReportPlotLayoutTests
{
    private static readonly string[] AxisTitles = ["step", "loss", "accuracy (%)", "neurons", "gates", "depth", "count"];

    [Fact]
    public void Axis_titles_do_not_overlap_tick_labels()
    {
        using var dir = new TempDir("gf-cli-plots");
        var report = dir.File("report.html");
        ReportHtml.Save(SampleReports.Full(), report);
        var svgs = Regex.Matches(File.ReadAllText(report), "<svg.*?</svg>", RegexOptions.Singleline).Select(m => m.Value).ToList();
        Assert.Equal(6, svgs.Count);
        // Every text of a plot against every axis title of the same plot: their rendered boxes must not meet.
        var titles = string.Join(",", AxisTitles.Select(t => "\"" + t + "\""));
        var page = "<!DOCTYPE html><html><body>" + string.Concat(svgs) + """
            <pre id="overlaps"></pre><script>
            const titles = new Set([TITLES]);
            const found = [];
            document.querySelectorAll('svg').forEach((svg, k) => {
              const texts = [...svg.querySelectorAll('text')];
              texts.filter(t => titles.has(t.textContent.trim())).forEach(title => {
                const a = title.getBoundingClientRect();
                texts.filter(t => t !== title && t.textContent.trim().length > 0).forEach(other => {
                  const b = other.getBoundingClientRect();
                  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                    found.push(`plot ${k}: '${title.textContent}' overlaps '${other.textContent}'`);
                });
              });
            });
            document.getElementById('overlaps').textContent = 'checked:' + document.querySelectorAll('svg').length + ';' + found.join(';');
            </script></body></html>
            """.Replace("TITLES", titles, StringComparison.Ordinal);
        var html = dir.File("layout.html");
        File.WriteAllText(html, page);
        var dom = Chromium.DumpDom(html);
        var result = Regex.Match(dom, "<pre id=\"overlaps\">(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;
        var decoded = System.Net.WebUtility.HtmlDecode(result);
        Assert.True(decoded == "checked:6;", decoded);
    }
}

/// <summary>
/// Issue 15: report.html shows what report.json and the netlist say (accuracy, gate counts, depth)
/// and each check's status, fail and skipped included, after a real train, freeze, emit and a
/// verify that fails on a planted fault.
/// </summary>
public sealed class ReportHtmlContentTests : IDisposable
{
    private readonly TempDir _dir = new("gf-report-html");

    public void Dispose() => _dir.Dispose();

    private static string SummaryRow(string html, string key)
    {
        var m = Regex.Match(html, $"<tr><th>{Regex.Escape(key)}</th><td>([^<]*)</td></tr>");
        Assert.True(m.Success, $"no summary row '{key}'");
        return m.Groups[1].Value;
    }

    private static string Pct(double v) => (100 * v).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %";

    [Fact]
    public void Report_html_shows_the_accuracy_gate_counts_and_every_check_status()
    {
        CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--steps", "40", "--eval-every", "40", "-o", "{dir}/ck", "-q");
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/n.json", "-q");
        CliRunner.Expect(0, _dir.Path, "opt", "{dir}/n.json", "-o", "{dir}/o.json", "-O2", "-q");
        CliRunner.Expect(0, _dir.Path, "emit", "{dir}/o.json", "-o", "{dir}/hw/d", "-q");
        var design = _dir.File("hw/d");
        var report = ReportJson.Load(Path.Combine(design, "report.json"));
        var netlist = Ir.NetlistJson.Load(Path.Combine(design, "netlist.json"));
        var original = Ir.NetlistJson.Load(Path.Combine(design, "netlist.orig.json"));
        var html = File.ReadAllText(Path.Combine(design, "report.html"));

        Assert.Equal(Pct(report.Model!.Accuracy!.Discrete!.Value), SummaryRow(html, "discrete test accuracy (hardware)"));
        Assert.Equal(Pct(report.Model.Accuracy.Soft!.Value), SummaryRow(html, "soft test accuracy (relaxed)"));
        Assert.Equal(netlist.GateCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), SummaryRow(html, "gates after optimisation"));
        Assert.Equal(original.GateCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), SummaryRow(html, "gates before optimisation"));
        Assert.Equal(netlist.Depth.ToString(System.Globalization.CultureInfo.InvariantCulture), SummaryRow(html, "logic depth"));
        Assert.True(netlist.GateCount < original.GateCount, "-O2 removed nothing: the two gate rows would not tell before from after");
        Assert.DoesNotContain("equivalence checks", html, StringComparison.Ordinal);

        // a planted fault in netlist.json and no C files: verify fails, and the report says which check failed and which was skipped
        Ir.NetlistJson.Save(PlantedFaults.FlipObservableGate(netlist), Path.Combine(design, "netlist.json"));
        File.Delete(Path.Combine(design, "d.c"));
        File.Delete(Path.Combine(design, "d.h"));
        CliRunner.Expect(1, _dir.Path, "verify", "{dir}/hw/d", "--no-icarus", "--no-verilator", "-q");

        report = ReportJson.Load(Path.Combine(design, "report.json"));
        html = File.ReadAllText(Path.Combine(design, "report.html"));
        var pass = report.Equivalence.Count(e => e.Status == Ir.Tools.CheckStatus.Pass);
        var fail = report.Equivalence.Count(e => e.Status == Ir.Tools.CheckStatus.Fail);
        var skipped = report.Equivalence.Count(e => e.Status == Ir.Tools.CheckStatus.Skipped);
        Assert.True(fail >= 2 && skipped >= 1 && pass >= 1, $"{pass} pass, {fail} fail, {skipped} skipped");
        Assert.Equal($"{pass} pass, {fail} fail, {skipped} skipped", SummaryRow(html, "equivalence checks"));
        foreach (var e in report.Equivalence)
        {
            var status = e.Status.ToString().ToLowerInvariant();
            Assert.Contains($"<tr><td>{e.Check}</td><td class=\"{status}\">{status}</td>", html, StringComparison.Ordinal);
        }
        Assert.Contains("<tr><td>netlist.json vs model (simulation)</td><td class=\"fail\">fail</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>netlist.orig.json vs netlist.json (ABC cec)</td><td class=\"fail\">fail</td>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>d.c vs model (C compiler)</td><td class=\"skipped\">skipped</td>", html, StringComparison.Ordinal);
    }
}
