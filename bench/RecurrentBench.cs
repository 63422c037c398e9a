using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.Training.Data;
using GateForge.Training.Freeze;

namespace GateForge.Bench;

/// <summary>
/// Issue 13's goals for recurrent models, in one run: the three stream tasks (100 % on the test
/// streams of lengths 1–64 and on 2,000 fresh random streams of lengths 1–64, trained on lengths
/// 1–16), and row-sequential mnist-10k (≥ 90 %) and Fashion-MNIST (≥ 82 %) with ≤ 8,000 gates of
/// logic, ≤ 45 minutes each. Checkpoints go to bench-out/recurrent/&lt;task&gt; and a rerun resumes
/// them, so a run cut short is finished by running the bench again. `--quick`: 30 steps each.
/// </summary>
public sealed class RecurrentBench : IBenchmark
{
    public const string MnistConfig = "configs/recurrent-mnist.json";
    public const string FashionConfig = "configs/recurrent-fashion.json";
    /// <summary>stream-majority's model (a local state wiring that can count); the other stream tasks get the default small model.</summary>
    public const string MajorityConfig = "configs/stream-majority.json";
    /// <summary>The dense reference of each image data set: its small config (narrow last layer, cheap head).</summary>
    public const string MnistDenseConfig = "configs/mnist-small.json";
    public const string FashionDenseConfig = "configs/fashion-small.json";

    public string Name => "recurrent";
    public string Summary => "recurrent logic gate networks: stream tasks and row-sequential images";

    public void Run(BenchContext context)
    {
        var only = Environment.GetEnvironmentVariable("GF_RECURRENT_TASKS")?.Split(',') ?? null;
        bool Wanted(string task) => only is null || only.Contains(task);
        foreach (var task in StreamTasks.Names.Where(Wanted))
            Stream(context, task);
        if (Wanted("mnist-10k"))
            Images(context, "mnist-10k", ModelConfig.Load(MnistConfig), "≥ 90 %", MnistDenseConfig);
        if (Wanted("fashion-mnist"))
            Images(context, "fashion-mnist", ModelConfig.Load(FashionConfig), "≥ 82 %", FashionDenseConfig);
    }

    private static ModelConfig Quick(BenchContext context, ModelConfig config) =>
        context.Quick ? config with { Steps = 30, EvalEvery = 30 } : config;

    private static void Stream(BenchContext context, string task)
    {
        var config = Quick(context, task == StreamTasks.MajorityName ? ModelConfig.Load(MajorityConfig) : ModelConfig.SmallRecurrent(2));
        var split = StreamTasks.Load(task);
        var (result, seconds) = Train(context, task, () => RecurrentTrainer.Train(config, split, Options(context, task)));
        var fresh = StreamTasks.Generate(task, 2000, StreamTasks.TestMaxLength, 0xF4E5);
        var model = result.Best;
        Report(context, task, model, result, seconds, split.Test, "test streams, lengths 1–64", "100 %");
        context.Report("recurrent", $"{task}: discrete accuracy on 2,000 fresh streams, lengths 1–64", Percent(model, fresh), context.Quick ? "" : "100 %");
    }

    private static void Images(BenchContext context, string spec, ModelConfig config, string goal, string denseConfig)
    {
        DataSplit split;
        try
        {
            split = DataSets.Load(spec);
        }
        catch (DataFormatException e)
        {
            context.Report("recurrent", spec, "skipped: " + e.Message);
            return;
        }
        config = Quick(context, config);
        var (result, seconds) = Train(context, spec, () => RecurrentTrainer.Train(config, split, Options(context, spec)));
        var lut6 = Report(context, spec, result.Best, result, seconds, result.Best.Sequences(split.Test), "test images, 28 rows", goal);
        DenseReference(context, spec, split, lut6, denseConfig);
    }

    /// <summary>
    /// The comparison that makes the family worth having: the dense model of <paramref name="denseConfig"/>
    /// (the data set's small config; Fashion-MNIST was compared with mnist-small's before) trained on the same data in this run, its LUT6 (one result per cycle, pipelined) against the
    /// recurrent design's LUT6 × cycles per inference.
    /// </summary>
    private static void DenseReference(BenchContext context, string spec, DataSplit split, (long Luts, double Cycles)? recurrent, string denseConfig)
    {
        if (recurrent is not { } rec)
            return;
        var config = ModelConfig.Load(denseConfig);
        config = context.Quick ? config with { Steps = 30, EvalEvery = 30 } : config;
        var dense = DlgnTrainer.Train(config, split, new TrainOptions
        {
            CheckpointDir = Path.Combine("bench-out", "recurrent", spec + "-dense" + (context.Quick ? "-quick" : "")),
            Resume = true,
        });
        var model = dense.Best;
        var test = model.Encode(split.Test);
        var discrete = model.Evaluate(test, split.Test.Labels).DiscreteAccuracy;
        var luts = AbcLutMapper.Count(new PassManager().Run(Freezer.Freeze(model), "-O2").Final);
        context.Report("recurrent", $"{spec}: dense reference ({denseConfig}) discrete accuracy / LUT6", $"{F(100 * discrete, 2)} % / {luts}");
        context.Report("recurrent", $"{spec}: area × cycles, recurrent (LUT6 × cycles per inference) vs dense (LUT6 × 1)",
            $"{F(rec.Luts * rec.Cycles, 0)} vs {luts}; recurrent LUT6 {F((double)luts / Math.Max(1, rec.Luts), 1)}× fewer");
    }

    private static TrainOptions Options(BenchContext context, string task) => new()
    {
        CheckpointDir = Path.Combine("bench-out", "recurrent", task + (context.Quick ? "-quick" : "")),
        Resume = true,
        ProgressEvery = 100,
        Progress = p => Console.WriteLine(
            $"    {task} step {p.Step}/{p.TotalSteps} loss {p.Loss:F3} batch acc {p.BatchAccuracy:P1} {p.SamplesPerSecond:F0} seq/s" +
            (p.Evaluation is { } e ? $" | test soft {e.SoftAccuracy:P2} discrete {e.DiscreteAccuracy:P2}" +
                (e.ValidationAccuracy is { } v ? $" validation {v:P2}" : "") : "")),
    };

    private static (RecurrentTrainResult Result, double Seconds) Train(BenchContext context, string task, Func<RecurrentTrainResult> train)
    {
        var clock = Stopwatch.StartNew();
        var result = train();
        return (result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Prints the task's figures; returns the design's LUT6 and cycles per inference (null without ABC).</summary>
    private static (long Luts, double Cycles)? Report(BenchContext context, string task, TrainedRecurrentModel model, RecurrentTrainResult result, double seconds,
        SequenceSet test, string what, string goal)
    {
        var netlist = RecurrentFreezer.Freeze(model, test);
        var optimised = new PassManager().Run(netlist, "-O2").Final;
        var r = model.Recurrent;
        context.Report("recurrent", $"{task}: discrete accuracy on {test.Count} {what}", Percent(model, test), context.Quick ? "" : goal);
        context.Report("recurrent", $"{task}: soft accuracy", F(100 * TrainedModel.Accuracy(model.PredictSoft(test), test.Labels), 2) + " %");
        context.Report("recurrent", $"{task}: training time (s, this run; total in checkpoint)", $"{F(seconds, 0)}; {F(result.Seconds, 0)}", context.Quick ? "" : "≤ 2700");
        context.Report("recurrent", $"{task}: logic gates (step + readout) / netlist gates frozen / after -O2",
            $"{model.Network.GateCount} / {netlist.GateCount} / {optimised.GateCount}", "≤ 8000 logic");
        context.Report("recurrent", $"{task}: hidden bits (FFs = hidden + 1) / cycles per inference (mean length + LATENCY)",
            $"{r.Hidden} ({optimised.LatchCount}) / {F(test.Lengths.Average() + RecurrentFreezer.Latency, 1)}");
        var cycles = test.Lengths.Average() + RecurrentFreezer.Latency;
        context.Report("recurrent", $"{task}: area × cycles (gates after -O2 × cycles)", F(optimised.GateCount * cycles, 0));
        context.Report("recurrent", $"{task}: checkpoint", $"step {model.Step} of {result.Steps}, chosen on {F(100 * model.Config.Validation, 0)} % of the training rows held out");
        if (!AbcLutMapper.IsInstalled)
            return null;
        var luts = AbcLutMapper.Count(optimised);
        context.Report("recurrent", $"{task}: LUT6 (ABC if -K 6, logic between the latches) / FFs", $"{luts} / {optimised.LatchCount}");
        return (luts, cycles);
    }

    private static string Percent(TrainedRecurrentModel model, SequenceSet set) =>
        F(100 * TrainedModel.Accuracy(model.Network.Predict(set).ClassId, set.Labels), 2) + " %";

    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
