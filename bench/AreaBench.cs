using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.Sim.Area;
using GateForge.Training.Freeze;

namespace GateForge.Bench;

/// <summary>
/// Issue 14's hardware cost: the demo model's head built each way (the head before issue 14, with
/// constant and repeated bits reduced, with 6:3 counters) with gates after -O2, depth and ABC
/// <c>if -K 6</c> LUTs. The demo checkpoint is trained here (about three minutes) unless
/// <c>GATEFORGE_AREA_DEMO</c> names a checkpoint to measure instead (then only it is measured).
/// Then configs/mnist-small.json is trained on mnist-10k and configs/fashion-small.json on Fashion-MNIST, and both are measured.
/// </summary>
public sealed class AreaBench : IBenchmark
{
    public string Name => "area";
    public string Summary => "hardware cost: the demo's head variants, area breakdowns, configs/mnist-small.json on mnist-10k, configs/fashion-small.json on Fashion-MNIST";

    public void Run(BenchContext context)
    {
        if (!AbcLutMapper.IsInstalled)
        {
            context.Report("area", "LUT6 figures", "skipped: berkeley-abc is not installed");
            return;
        }
        var model = DemoModel(context);
        if (model is null)
            return;
        HeadVariants(context, model);
        Breakdown(context, "demo", model);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GATEFORGE_AREA_DEMO")))
            Small(context);
    }

    /// <summary>
    /// The small configs of the issue-14 goals, each on its data: configs/mnist-small.json on mnist-10k,
    /// configs/fashion-small.json on Fashion-MNIST (accuracy, training time, LUT6, the head's share).
    /// </summary>
    private static void Small(BenchContext context)
    {
        foreach (var (label, file, data, accuracyGoal) in new[]
        {
            ("mnist-small", SmallConfig, "mnist-10k", "≥ 93.4 %"),
            ("fashion-small", FashionSmallConfig, "fashion-mnist", "≥ 84.9 %"),
        })
        {
            var config = ModelConfig.Load(file);
            if (context.Quick)
                config = config with { Steps = 50, EvalEvery = 50 };
            var model = TrainBench.TrainOn(context, data, $"{label} on {data}", config, "≤ 180", accuracyGoal);
            if (model is null)
                continue;
            Breakdown(context, $"{label} on {data}", model, lutGoal: "≤ 6,000");
        }
    }

    public const string SmallConfig = "configs/mnist-small.json";
    public const string FashionSmallConfig = "configs/fashion-small.json";

    /// <summary>The area breakdown of <paramref name="model"/>'s design after -O2, with the part sums against the whole mapping.</summary>
    internal static AreaBreakdown Breakdown(BenchContext context, string label, TrainedModel model, string lutGoal = "")
    {
        var built = Freezer.Freeze(model);
        var optimised = new PassManager().Run(built, "-O2").Final;
        context.Report("area", $"{label}: LUT6 of the design (ABC if -K 6, encoder left out)", $"{AbcLutMapper.Count(optimised)}", lutGoal);
        var area = AreaAttribution.Compute(built, optimised, model.Encoder?.Thresholds8Bit(), nl => AbcLutMapper.Count(nl));
        foreach (var part in area.Parts)
            context.Report("area", $"{label}, {part.Name}: gates / AND-equivalents / LUT6", $"{part.Gates} / {part.AndEquivalent} / {part.Lut6}");
        context.Report("area", $"{label}: LUT6 of the parts mapped alone / of the whole design", $"{area.Lut6OfParts} / {area.Lut6OfWhole} ({100 * area.Lut6Excess:F1} % more)");
        context.Report("area", $"{label}: head (popcounts + argmax) share of the design's gates",
            $"{100 * area.GateShare(DesignParts.Popcount, DesignParts.Argmax):F1} %", "≤ 40 %");
        return area;
    }

    private static TrainedModel? DemoModel(BenchContext context)
    {
        var dir = Environment.GetEnvironmentVariable("GATEFORGE_AREA_DEMO");
        if (!string.IsNullOrEmpty(dir))
            return TrainedModel.Load(dir);
        var config = ModelConfig.Demo();
        if (context.Quick)
            config = config with { Steps = 50, EvalEvery = 50 };
        return TrainBench.TrainOnMnist(context, "demo", config, "≤ 180", "≥ 92 %");
    }

    private static void HeadVariants(BenchContext context, TrainedModel model)
    {
        (string Label, HeadOptions Options)[] variants =
        [
            ("head before issue 14", new HeadOptions(CounterShape.FullAdders, ReduceTerms: false)),
            ("constants and repeats reduced, full adders", new HeadOptions(CounterShape.FullAdders)),
            ("constants and repeats reduced, 6:3 counters", new HeadOptions(CounterShape.SixToThree)),
        ];
        var classIdOnly = new PassManager().Run(Freezer.Freeze(model, head: HeadOptions.Default with { Outputs = HeadOutputs.ClassId }), "-O2").Final;
        context.Report("area", "demo, class_id-only head (6:3 counters, common terms dropped): gates after -O2 / depth / LUT6",
            $"{classIdOnly.GateCount} / {classIdOnly.Depth} / {AbcLutMapper.Count(classIdOnly)}");
        foreach (var (label, options) in variants)
        {
            var clock = Stopwatch.StartNew();
            var optimised = new PassManager().Run(Freezer.Freeze(model, head: options), "-O2").Final;
            var luts = AbcLutMapper.Count(optimised);
            context.Report("area", $"demo, {label}: gates after -O2 / depth / LUT6",
                $"{optimised.GateCount} / {optimised.Depth} / {luts}  ({clock.Elapsed.TotalSeconds:F0} s)");
        }
    }
}
