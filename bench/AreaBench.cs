using System.Diagnostics;
using System.Globalization;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.Sim.Area;
using GateForge.Training.Freeze;
using GateForge.Training.Models;

namespace GateForge.Bench;

/// <summary>
/// Issue 14's hardware cost: the demo model's head built each way (the head before issue 14, with
/// constant and repeated bits reduced, with 6:3 counters) with gates after -O2, depth and ABC
/// <c>if -K 6</c> LUTs. The demo checkpoint is trained here (about three minutes) unless
/// <c>GATEFORGE_AREA_DEMO</c> names one already trained with the demo config.
/// </summary>
public sealed class AreaBench : IBenchmark
{
    public string Name => "area";
    public string Summary => "hardware cost: the demo's head variants (gates, depth, LUT6)";

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
    }

    /// <summary>The area breakdown of <paramref name="model"/>'s design after -O2, with the part sums against the whole mapping.</summary>
    internal static AreaBreakdown Breakdown(BenchContext context, string label, TrainedModel model)
    {
        var built = Freezer.Freeze(model);
        var optimised = new PassManager().Run(built, "-O2").Final;
        var area = AreaAttribution.Compute(built, optimised, model.Encoder?.Thresholds8Bit(), nl => AbcLutMapper.Count(nl));
        foreach (var part in area.Parts)
            context.Report("area", $"{label}, {part.Name}: gates / AND-equivalents / LUT6", $"{part.Gates} / {part.AndEquivalent} / {part.Lut6}");
        context.Report("area", $"{label}: LUT6 of the parts mapped alone / of the whole design", $"{area.Lut6OfParts} / {area.Lut6OfWhole} ({100 * area.Lut6Excess:F1} % more)");
        context.Report("area", $"{label}: head (popcounts + argmax) share of gates",
            $"{100 * area.GateShare(DesignParts.Popcount, DesignParts.Argmax):F1} %");
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
