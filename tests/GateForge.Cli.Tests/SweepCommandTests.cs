using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary><c>gateforge sweep</c> from the command line: the shipped tiny sweep, its page in Chromium, reruns, bad configs.</summary>
public sealed class SweepCommandTests
{
    private static string TinyConfig([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "configs", "sweep-tiny.json"));

    [Fact]
    public void The_shipped_tiny_sweep_runs_from_a_clean_folder_and_its_page_renders_with_the_plots()
    {
        using var dir = new TempDir("gf-cli-sweep");
        var run = CliRunner.ExpectProcess(ExitCodes.Ok, dir.Path, "sweep", TinyConfig());
        // one line per point, then the front and where the table went (the config's output, under the current folder)
        Assert.Equal(2, Regex.Matches(run.Stdout, @"^point \d/2: dense 3 x \d+, 1 encoder bit, tau 3: discrete \d+\.\d\d% .* LUT6, \d+ cycles", RegexOptions.Multiline).Count);
        Assert.Contains("Pareto front (discrete accuracy vs LUT6): point ", run.Stdout, StringComparison.Ordinal);
        var folder = Path.Combine(dir.Path, "sweeps", "sweep-tiny");
        Assert.Equal(3, File.ReadAllLines(Path.Combine(folder, "results.csv")).Length);
        Assert.True(File.Exists(Path.Combine(folder, "results.json")));

        var page = Path.Combine(folder, "sweep.html");
        var html = File.ReadAllText(page);
        Assert.DoesNotMatch(new Regex("(src|href)=\"(https?:)?//"), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        var dom = Chromium.DumpDom(page);
        Assert.Equal(2, Regex.Matches(dom, "<svg[ >]").Count);
        Assert.Contains("id=\"pareto-luts\"", dom, StringComparison.Ordinal);
        Assert.Contains("id=\"pareto-latency\"", dom, StringComparison.Ordinal);
        Assert.Contains("Discrete accuracy vs LUT6", dom, StringComparison.Ordinal);
        Assert.Contains("Discrete accuracy vs latency", dom, StringComparison.Ordinal);
        Assert.Contains("DWN 98.3% @ 4,082", dom, StringComparison.Ordinal);
        Assert.Contains("full MNIST, secondary sources", dom, StringComparison.Ordinal);
        // the table: a header and one row per point
        var table = Regex.Match(dom, "<table id=\"results-table\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(3, Regex.Matches(table, "<tr[ >]").Count);

        var again = CliRunner.ExpectProcess(ExitCodes.Ok, dir.Path, "sweep", TinyConfig());
        Assert.Contains("reused 2 finished points from sweeps/sweep-tiny (ran 0)", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(again.Stdout, @"^point \d/2 \(reused\): ", RegexOptions.Multiline).Count);
    }

    [Theory]
    [InlineData("""{ "data": "monk1", "grid": { "layers": [2] }, "budget": { "steps": 5 }, "seeds": [1, 2] }""", "unknown key 'seeds'")]
    [InlineData("""{ "data": "monk1", "grid": { "family": ["recurrent"] }, "budget": { "steps": 5 } }""", "family 'recurrent' is not one a sweep trains (supported: dense, conv;")]
    [InlineData("""{ "data": "monk1", "grid": { "neurons": [41] }, "budget": { "steps": 5 } }""", "point 1 (dense 6 x 41, 1 encoder bit, tau 3): ")]
    [InlineData("""{ "data": "monk1", "model": { "lerningRate": 0.1 }, "grid": {}, "budget": { "steps": 5 } }""", "unknown key 'model.lerningRate' (model keys: ")]
    [InlineData("""{ "data": "no-such-data", "grid": {}, "budget": { "steps": 5 } }""", "")]
    [InlineData("""{ "data": "monk1", "grid": {}, "budget": { "steps": 5 }, "opt": "-O9" }""", "bad opt \"-O9\"")]
    [InlineData("""{ "data": "monk1" """, "not valid JSON")]
    public void A_bad_sweep_config_exits_2_with_one_line_and_writes_nothing(string json, string expected)
    {
        using var dir = new TempDir("gf-cli-sweep");
        var config = dir.File("bad.json");
        File.WriteAllText(config, json);
        var r = CliRunner.Expect(ExitCodes.BadInput, dir.Path, "sweep", config, "-o", "{dir}/out");
        var line = Assert.Single(r.ErrorLines);
        Assert.StartsWith("gateforge: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", line, StringComparison.Ordinal);
        Assert.DoesNotContain("GateForge.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("missing.json", "does not exist")]
    [InlineData("config.txt", "expected a .json file")]
    public void A_missing_or_non_json_sweep_config_exits_2(string name, string expected)
    {
        using var dir = new TempDir("gf-cli-sweep");
        if (name.EndsWith(".txt", StringComparison.Ordinal))
            File.WriteAllText(dir.File(name), "{}");
        var r = CliRunner.Expect(ExitCodes.BadInput, dir.Path, "sweep", dir.File(name));
        Assert.Contains(expected, Assert.Single(r.ErrorLines), StringComparison.Ordinal);
    }
}
