using System.Diagnostics;
using System.Globalization;
using GateForge.Flow;
using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Bench;

/// <summary>
/// Training on the CPU: throughput on difflogic's mnist20x20 shape (400 inputs, 6 × 8,000 neurons,
/// GroupSum 10, tau 10, batch 100), then the demo configuration (<see cref="ModelConfig.Demo"/>) on
/// mnist-10k: training time, soft and discrete test accuracy, the gap, gates before and after -O2.
/// Wall-clock and process CPU seconds are both printed: on a shared machine the CPU figure is the
/// steadier one.
/// </summary>
public sealed class TrainBench : IBenchmark
{
    // The quoted figure for difflogic's reference Python implementation on this machine's CPU.
    private const double ReferenceSecondsPerStep = 10.0;

    public string Name => "train";
    public string Summary => "DLGN training throughput (mnist20x20 shape) and the demo model on mnist-10k";

    public void Run(BenchContext context)
    {
        Throughput(context);
        Demo(context);
    }

    private static void Throughput(BenchContext context)
    {
        const int bits = 400, rows = 1000;
        var rng = new Random(1);
        var x = new byte[rows * bits];
        for (var i = 0; i < x.Length; i++)
            x[i] = (byte)rng.Next(2);
        var set = new EncodedSet(x, Enumerable.Range(0, rows).Select(_ => rng.Next(10)).ToArray(), bits);
        var steps = context.Quick ? 5 : 30;
        var config = new ModelConfig
        {
            Layers = 6, Neurons = 8000, Classes = 10, Tau = 10f, BatchSize = 100, Wiring = Wiring.Random,
            Init = ModelConfig.InitRandom, Steps = 2, EvalEvery = 1_000_000,
            Threads = 1, // see ModelConfig.Demo: one intra-op thread is faster on a shared 2-core machine
        };
        DlgnTrainer.Train(config, null, set, set, new TrainOptions()); // warm-up: TorchSharp load, allocator
        var wall = 0.0;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        DlgnTrainer.Train(config with { Steps = steps }, null, set, set, new TrainOptions
        {
            ProgressEvery = steps,
            Progress = p => wall = p.Elapsed.TotalSeconds, // reported before the final evaluation
        });
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
        var perStep = wall / steps;
        context.Report("train", "mnist20x20 shape: seconds per step (wall, 1 thread)", F(perStep, 3), "≤ 0.2");
        context.Report("train", "mnist20x20 shape: CPU seconds per step (incl. one evaluation)", F(cpu / steps, 3));
        context.Report("train", "speed-up vs difflogic Python CPU (issue's quoted 10 s/step)", F(ReferenceSecondsPerStep / perStep, 1) + "×", "≥ 50×");
    }

    private static void Demo(BenchContext context)
    {
        var config = ModelConfig.Demo();
        if (context.Quick)
            config = config with { Steps = 50, EvalEvery = 50 };
        TrainOnMnist(context, "demo", config, "≤ 180", "≥ 92 %");
    }

    /// <summary>
    /// Trains <paramref name="config"/> on mnist-10k, freezes the best checkpoint, optimises it with
    /// -O2 and reports time, accuracies, gap and gate counts under <paramref name="label"/>.
    /// </summary>
    internal static void TrainOnMnist(BenchContext context, string label, ModelConfig config, string timeGoal, string accuracyGoal)
    {
        DataSplit split;
        try
        {
            split = DataSets.Load("mnist-10k");
        }
        catch (DataFormatException e)
        {
            context.Report("train", $"{label} on mnist-10k", "skipped: " + e.Message);
            return;
        }
        var clock = Stopwatch.StartNew();
        var result = DlgnTrainer.Train(config, split, new TrainOptions
        {
            ProgressEvery = 100,
            Progress = p => Console.WriteLine(
                $"    step {p.Step}/{p.TotalSteps} loss {p.Loss:F3} batch acc {p.BatchAccuracy:P1} {p.SamplesPerSecond:F0} samples/s" +
                (p.Evaluation is { } e ? $" | test soft {e.SoftAccuracy:P2} discrete {e.DiscreteAccuracy:P2}" +
                    (e.ValidationAccuracy is { } v ? $" validation {v:P2}" : "") : "")),
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var model = result.Best;
        var (netlist, _, frozenEvaluation) = DesignFlow.FreezeModel(model, split.Test, SilentProgress.Instance);
        var evaluation = frozenEvaluation!;
        var optimised = DesignFlow.Optimise(netlist, new OptimiseSettings { Pipeline = "-O2" }, SilentProgress.Instance).Netlist;
        context.Report("train", $"{label}: training time (s)", F(seconds, 0), context.Quick ? "" : timeGoal);
        context.Report("train", $"{label}: discrete test accuracy (2,000 digits)", F(100 * evaluation.DiscreteAccuracy, 2) + " %", context.Quick ? "" : accuracyGoal);
        context.Report("train", $"{label}: soft test accuracy", F(100 * evaluation.SoftAccuracy, 2) + " %");
        context.Report("train", $"{label}: discretisation gap (points)", F(evaluation.GapPoints, 2), "≤ 1");
        context.Report("train", $"{label}: gates frozen / after -O2", $"{netlist.GateCount} / {optimised.GateCount}");
        context.Report("train", $"{label}: frozen checkpoint", $"step {model.Step} of {result.Steps}, chosen on " +
            (config.Validation > 0 ? $"{F(100 * config.Validation, 0)} % of the training rows held out" : "the test set"));
    }

    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
