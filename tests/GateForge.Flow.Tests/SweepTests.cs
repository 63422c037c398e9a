using GateForge.Flow.Sweeps;
using GateForge.TestKit;
using GateForge.Training.Models;

namespace GateForge.Flow.Tests;

/// <summary><see cref="DesignFlow.Sweep"/> on MONK-1 with two tiny points (tens of steps each).</summary>
public sealed class SweepTests
{
    private static string TinyJson(int steps = 40, string neurons = "[40, 80]") => $$"""
        { "data": "monk1", "grid": { "layers": [2], "neurons": {{neurons}}, "tau": [3] }, "budget": { "steps": {{steps}} } }
        """;

    private static SweepOutcome Run(string folder, string json, IFlowProgress progress) =>
        DesignFlow.Sweep(new SweepSettings { Config = SweepConfig.Parse(json, "tiny.json"), Source = "tiny.json", Output = folder }, progress);

    [Fact]
    public void A_tiny_grid_writes_the_table_and_the_page_and_a_rerun_reuses_both_points()
    {
        using var dir = new TempDir("gf-sweep");
        var folder = dir.File("sweep");
        var progress = new LineProgress();
        var first = Run(folder, TinyJson(), progress);
        Assert.Equal((2, 0, 2), (first.Results.Count, first.Reused, first.Ran));
        // one line per point while it runs
        Assert.Equal(2, progress.Lines.Count(l => l.StartsWith("point ", StringComparison.Ordinal) && l.Contains("LUT6", StringComparison.Ordinal)));
        foreach (var r in first.Results)
        {
            Assert.Equal(40, r.Steps);
            Assert.InRange(r.DiscreteAccuracy, 0.3, 1.0);
            Assert.True(r.Gates > 0 && r.Lut6 > 0 && r.Depth > 0 && r.LatencyCycles > 0, $"point {r.Index}: {r.Gates} gates, {r.Lut6} LUT6, depth {r.Depth}, {r.LatencyCycles} cycles");
            Assert.Equal((r.Depth + 7) / 8, r.LatencyCycles);
            Assert.NotNull(r.HeadGates);
            Assert.InRange(r.HeadGates!.Value, 1, r.Gates);
            Assert.Equal("validation", r.ChosenOn);
        }
        Assert.Equal([40, 80], first.Results.Select(r => r.Parameters.Neurons));

        var csv = File.ReadAllLines(Path.Combine(folder, SweepTable.CsvFile));
        Assert.Equal(3, csv.Length);
        Assert.StartsWith("index,family,layers,neurons,", csv[0], StringComparison.Ordinal);
        var table = SweepTable.ParseJson(File.ReadAllText(Path.Combine(folder, SweepTable.JsonFile)));
        Assert.DoesNotContain("family_name", File.ReadAllText(Path.Combine(folder, SweepTable.JsonFile)), StringComparison.Ordinal);
        Assert.Equal(first.Results, table);
        var page = File.ReadAllText(Path.Combine(folder, SweepPage.FileName));
        Assert.Contains("Discrete accuracy vs LUT6", page, StringComparison.Ordinal);
        Assert.Contains(SweepPage.PublishedSource, page, StringComparison.Ordinal);
        Assert.Contains("DWN 97.1% @ 692", page, StringComparison.Ordinal);

        var again = new LineProgress();
        var second = Run(folder, TinyJson(), again);
        Assert.Equal((2, 2, 0), (second.Results.Count, second.Reused, second.Ran));
        Assert.Equal(first.Results, second.Results);
        Assert.Contains("reused 2 finished points", string.Join('\n', again.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_cancelled_after_its_first_point_keeps_it_and_resumes_with_the_second()
    {
        using var dir = new TempDir("gf-sweep");
        var folder = dir.File("sweep");
        using var cts = new CancellationTokenSource();
        var progress = new LineProgress(cts.Token, line =>
        {
            if (line.StartsWith("point 1/2:", StringComparison.Ordinal))
                cts.Cancel();
        });
        var e = Assert.Throws<StageCancelledException>(() => Run(folder, TinyJson(), progress));
        Assert.Contains("point 2/2", e.Message, StringComparison.Ordinal);
        // the unfinished point left nothing behind; the finished one is whole
        var kept = Directory.GetDirectories(Path.Combine(folder, DesignFlow.SweepPointsFolder));
        Assert.Single(kept);
        Assert.True(File.Exists(Path.Combine(kept[0], SweepResult.FileName)));
        Assert.Single(SweepTable.ParseJson(File.ReadAllText(Path.Combine(folder, SweepTable.JsonFile))));

        var resumed = Run(folder, TinyJson(), new LineProgress());
        Assert.Equal((2, 1, 1), (resumed.Results.Count, resumed.Reused, resumed.Ran));
        Assert.Equal([1, 2], resumed.Results.Select(r => r.Index));
    }

    [Fact]
    public void A_changed_config_in_the_same_folder_reuses_only_the_points_it_shares()
    {
        using var dir = new TempDir("gf-sweep");
        var folder = dir.File("sweep");
        Run(folder, TinyJson(neurons: "[40]"), new LineProgress());
        // another budget: the old point is another point, kept but not reused, and said so
        var progress = new LineProgress();
        var other = Run(folder, TinyJson(steps: 30, neurons: "[40]"), progress);
        Assert.Equal((0, 1, 1), (other.Reused, other.Ran, other.OtherConfigPoints));
        Assert.Equal(30, Assert.Single(other.Results).Steps);
        Assert.Contains(progress.Lines, l => l.Contains("belong to another config", StringComparison.Ordinal));
        // a grid extended by one point reuses the point it already had
        var extended = Run(folder, TinyJson(steps: 30, neurons: "[40, 80]"), new LineProgress());
        Assert.Equal((1, 1), (extended.Reused, extended.Ran));
    }

    [Fact]
    public void A_time_budget_stops_training_early_and_the_point_still_finishes()
    {
        using var dir = new TempDir("gf-sweep");
        var json = """{ "data": "monk1", "grid": { "layers": [2], "neurons": [40] }, "budget": { "steps": 1000000, "seconds": 1 } }""";
        var outcome = Run(dir.File("sweep"), json, new LineProgress());
        var r = Assert.Single(outcome.Results);
        Assert.InRange(r.Steps, 1, 999_999);
        Assert.InRange(r.TrainSeconds, 0.9, 30);
        Assert.True(r.Lut6 > 0);
    }

    [Fact]
    public void A_narrow_last_layer_is_an_architecture_list_and_its_width_counts_per_class()
    {
        var config = SweepConfig.Parse("""{ "data": "monk1", "grid": { "layers": [3], "neurons": [120], "last_per_class": [0, 5] }, "budget": { "steps": 10 } }""", "x.json");
        var points = SweepPoint.Expand(config, classes: 2, "x.json");
        Assert.Equal(2, points.Count);
        Assert.Null(points[0].Config.Architecture);
        Assert.Equal((3, 120), (points[0].Config.Layers, points[0].Config.Neurons));
        Assert.Equal("dense 120 , dense 120 , dense 10 ", string.Join(", ", points[1].Config.Architecture!.Select(l => l.Describe())));
        Assert.Equal(10, points[1].Parameters.LastWidth);
        Assert.NotEqual(points[0].Key, points[1].Key);
        Assert.All(points, p => Assert.Equal(10, p.Config.Steps));
    }

    [Theory]
    [InlineData("sweep-tiny.json", 2, 2)]
    [InlineData("sweep-mnist.json", 10, 8)]
    [InlineData("sweep-mnist-small.json", 10, 4)]
    [InlineData("sweep-fashion.json", 10, 4)]
    [InlineData("sweep-head-share.json", 10, 4)]
    public void The_shipped_sweep_configs_expand_into_valid_points(string name, int classes, int count)
    {
        var path = ShippedConfig(name);
        var points = SweepPoint.Expand(SweepConfig.Load(path), classes, path);
        Assert.Equal(count, points.Count);
        Assert.Equal(count, points.Select(p => p.Key).Distinct().Count());
        foreach (var p in points)
            p.Config.Validate();
    }

    private const string BarsSweep = """
        {
          "data": "bars",
          "model": {
            "architecture": [{ "kind": "conv", "channels": 8, "kernel": 3, "depth": 2 }, { "kind": "orpool" }],
            "encoderMode": "uniform", "validation": 0.1, "learningRate": 0.2, "batchSize": 50, "evalEvery": 60, "threads": 1, "seed": 2
          },
          "grid": { "layers": [1], "neurons": [40], "encoder_bits": [1], "tau": [8], "family": ["dense", "conv"] },
          "budget": { "steps": 60 }
        }
        """;

    [Fact]
    public void A_conv_point_is_its_front_then_the_grid_dense_stack_and_a_dense_point_has_no_front()
    {
        var points = SweepPoint.Expand(SweepConfig.Parse(BarsSweep, "bars.json"), 2, "bars.json");
        Assert.Equal([SweepFamily.Dense, SweepFamily.Conv], points.Select(p => p.Parameters.Family));
        Assert.Null(points[0].Config.Architecture);
        Assert.Null(points[0].Parameters.Front);
        Assert.Equal(["conv 8 k3 d2 s1 p0", "orpool 2 s2 p0", "dense 40 "], points[1].Config.Architecture!.Select(l => l.Describe()));
        Assert.StartsWith("conv [conv 8 k3 d2 s1 p0, orpool 2 s2 p0] + 1 x 40", points[1].Describe(), StringComparison.Ordinal);
        Assert.NotEqual(points[0].Key, points[1].Key);
    }

    [Fact]
    public void On_mnist_a_conv_point_gets_uniform_thresholds_and_a_dense_point_keeps_the_per_pixel_quantiles()
    {
        const string json = """
            {
              "data": "mnist-10k",
              "model": { "architecture": [{ "kind": "conv", "channels": 4, "kernel": 3, "depth": 2 }, { "kind": "orpool" }] },
              "grid": { "layers": [1], "neurons": [40], "family": ["dense", "conv"] },
              "budget": { "steps": 5 }
            }
            """;
        var points = SweepPoint.Expand(SweepConfig.Parse(json, "m.json"), 10, "m.json");
        Assert.Equal(ModelConfig.EncoderQuantile, points[0].Config.EncoderMode); // the image default's, for the dense stack
        Assert.Equal(ModelConfig.EncoderUniform, points[1].Config.EncoderMode);
        Assert.True(points[1].Config.HasImageLayers());
    }

    [Fact]
    public void A_grid_of_a_dense_and_a_conv_point_trains_both_and_the_table_names_the_families()
    {
        using var dir = new TempDir("gf-sweep");
        var folder = dir.File("sweep");
        var outcome = DesignFlow.Sweep(new SweepSettings { Config = SweepConfig.Parse(BarsSweep, "bars.json"), Source = "bars.json", Output = folder }, new LineProgress());
        Assert.Equal(2, outcome.Ran);
        var conv = outcome.Results[1];
        Assert.Equal(SweepFamily.Conv, conv.Parameters.Family);
        Assert.True(conv.Gates > 0 && conv.Lut6 > 0, $"{conv.Gates} gates, {conv.Lut6} LUT6");
        Assert.InRange(conv.DiscreteAccuracy, 0.5, 1.0);
        var csv = File.ReadAllLines(Path.Combine(folder, SweepTable.CsvFile));
        Assert.StartsWith("1,dense,", csv[1], StringComparison.Ordinal);
        Assert.StartsWith("2,conv,", csv[2], StringComparison.Ordinal);
        Assert.Equal(outcome.Results, SweepTable.ParseJson(File.ReadAllText(Path.Combine(folder, SweepTable.JsonFile))));
    }

    private static string ShippedConfig(string name, [System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "configs", name));

    [Fact]
    public void A_point_whose_width_does_not_fit_the_classes_is_refused_before_anything_trains()
    {
        using var dir = new TempDir("gf-sweep");
        var folder = dir.File("sweep");
        var e = Assert.Throws<FlowUsageException>(() => Run(folder, TinyJson(neurons: "[40, 41]"), new LineProgress()));
        Assert.StartsWith("tiny.json: point 2 (dense 2 x 41", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("""{ "data": "monk1", "grid": {}, "budget": { "steps": 5 }, "epochs": 3 }""", "tiny.json: unknown key 'epochs' (keys: data, model, grid, budget, opt, pipeline_every, output)")]
    [InlineData("""{ "data": "monk1", "grid": { "width": [4] }, "budget": { "steps": 5 } }""", "tiny.json: unknown key 'grid.width' (keys: layers, neurons, last_per_class, encoder_bits, tau, family)")]
    [InlineData("""{ "data": "monk1", "grid": {}, "budget": { "minutes": 5 } }""", "tiny.json: unknown key 'budget.minutes' (keys: steps, seconds)")]
    [InlineData("""{ "data": "monk1", "grid": {}, "budget": {} }""", "tiny.json: 'budget' needs 'steps' or 'seconds'")]
    [InlineData("""{ "data": "monk1", "grid": {} }""", "tiny.json: no 'budget' (each point's {\"steps\": N} or {\"seconds\": S})")]
    [InlineData("""{ "data": "monk1", "grid": { "family": ["dense", "recurrent"] }, "budget": { "steps": 5 } }""",
        "tiny.json: family 'recurrent' is not one a sweep trains (supported: dense, conv; recurrent models train with `gateforge train`/`run` and the `recurrent` bench)")]
    [InlineData("""{ "data": "bars", "grid": { "family": ["conv"] }, "budget": { "steps": 5 } }""",
        "tiny.json: family conv needs its conv front in model.architecture (conv and orpool layers")]
    [InlineData("""{ "data": "bars", "model": { "architecture": [{ "kind": "conv", "channels": 4, "kernel": 3, "depth": 2 }] }, "grid": {}, "budget": { "steps": 5 } }""",
        "tiny.json: model.architecture (a conv front) is used by family conv only; add \"conv\" to grid.family or leave it out")]
    [InlineData("""{ "data": "bars", "model": { "architecture": [{ "kind": "conv", "channels": 4, "kernel": 3, "depth": 2 }, { "kind": "dense", "neurons": 20 }] }, "grid": { "family": ["conv"] }, "budget": { "steps": 5 } }""",
        "tiny.json: model.architecture[1] must be a conv or orpool layer (the grid sets the dense layers of a sweep)")]
    [InlineData("""{ "data": "bars", "model": { "architecture": [{ "kind": "conv", "channels": 4, "kernel": 3, "depth": 2 }], "encoderMode": "quantile" }, "grid": { "family": ["conv"] }, "budget": { "steps": 5 } }""",
        "tiny.json: model.encoderMode quantile gives every pixel its own thresholds, but a conv tree reads every position: leave it out (conv points use uniform) or set uniform")]
    [InlineData("""{ "data": "monk1", "grid": { "layers": [2, 2] }, "budget": { "steps": 5 } }""", "tiny.json: grid.layers lists 2 twice")]
    [InlineData("""{ "data": "monk1", "grid": { "layers": [0] }, "budget": { "steps": 5 } }""", "tiny.json: grid.layers[0] must be at least 1, got 0")]
    [InlineData("""{ "data": "monk1", "grid": { "tau": ["x"] }, "budget": { "steps": 5 } }""", "tiny.json: grid.tau[0] must be a number")]
    [InlineData("""{ "data": "monk1", "model": { "layers": 3 }, "grid": {}, "budget": { "steps": 5 } }""", "tiny.json: model.layers is set by the grid or the budget of a sweep, not by its model")]
    [InlineData("""{ "data": "monk1", "model": { "lerningRate": 0.1 }, "grid": {}, "budget": { "steps": 5 } }""", "tiny.json: unknown key 'model.lerningRate' (model keys: wiring, parametrization, ")]
    [InlineData("""{ "data": "monk1", "grid": [], "budget": { "steps": 5 } }""", "tiny.json: 'grid' must be a JSON object")]
    [InlineData("""{ "data": "monk1", "grid": {}, "budget": { "steps": 5 }""", "tiny.json: not valid JSON: ")]
    public void A_bad_sweep_config_is_refused_with_one_line(string json, string expected)
    {
        var e = Assert.Throws<FlowUsageException>(() => SweepConfig.Parse(json, "tiny.json"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        Assert.DoesNotContain("GateForge.", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", e.Message, StringComparison.Ordinal);
    }

}

/// <summary>The Pareto front on hand-made points.</summary>
public sealed class ParetoFrontTests
{
    private sealed record P(string Name, double Cost, double Score);

    private static string[] Front(params P[] points) => [.. ParetoFront.Of(points, p => p.Cost, p => p.Score).Select(p => p.Name)];

    [Fact]
    public void Dominated_points_are_dropped_and_the_front_is_in_ascending_cost() =>
        Assert.Equal(["a", "c", "e"], Front(new("e", 900, 0.95), new("b", 300, 0.80), new("a", 100, 0.85), new("c", 400, 0.90), new("d", 800, 0.90)));

    [Fact]
    public void Of_equal_costs_only_the_best_score_is_on_the_front() =>
        Assert.Equal(["y"], Front(new("x", 100, 0.5), new("y", 100, 0.7)));

    [Fact]
    public void Of_equal_points_the_first_is_kept_and_a_dearer_tie_is_dominated() =>
        Assert.Equal(["p"], Front(new("p", 100, 0.7), new("q", 100, 0.7), new("r", 200, 0.7)));

    [Fact]
    public void A_point_both_cheaper_and_better_than_all_is_the_whole_front() =>
        Assert.Equal(["best"], Front(new("m", 500, 0.6), new("best", 50, 0.99), new("n", 60, 0.98)));

    [Fact]
    public void No_points_and_non_finite_points_give_no_front()
    {
        Assert.Empty(Front());
        Assert.Equal(["ok"], Front(new("nan", double.NaN, 0.9), new("inf", 10, double.PositiveInfinity), new("ok", 20, 0.1)));
    }

    [Fact]
    public void Every_point_off_the_front_is_dominated_by_one_on_it()
    {
        var random = new Random(14);
        var points = Enumerable.Range(0, 300).Select(i => new P($"p{i}", random.Next(1, 60), Math.Round(random.NextDouble(), 2))).ToArray();
        var front = ParetoFront.Of(points, p => p.Cost, p => p.Score);
        for (var i = 1; i < front.Count; i++)
            Assert.True(front[i].Cost > front[i - 1].Cost && front[i].Score > front[i - 1].Score);
        foreach (var p in points.Except(front))
            Assert.Contains(front, f => f.Cost <= p.Cost && f.Score >= p.Score);
        foreach (var f in front)
            Assert.DoesNotContain(points, p => p.Cost <= f.Cost && p.Score >= f.Score && (p.Cost < f.Cost || p.Score > f.Score));
    }
}

/// <summary>Keeps the result lines; calls <paramref name="onLine"/> on each (a test cancels from there).</summary>
internal sealed class LineProgress(CancellationToken cancellation = default, Action<string>? onLine = null) : IFlowProgress
{
    public List<string> Lines { get; } = [];
    public CancellationToken Cancellation => cancellation;
    public TextWriter PassLog => TextWriter.Null;
    public void Stage(string name) { }

    public void Line(string text)
    {
        Lines.Add(text);
        onLine?.Invoke(text);
    }

    public IProgressBar Bar(string label) => SilentProgress.Instance;
    public IDisposable Heartbeat(string label, string detail) => SilentProgress.Instance;
}
