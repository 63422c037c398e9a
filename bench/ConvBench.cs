
namespace GateForge.Bench;

/// <summary>
/// Conv logic-tree networks (SPEC §7, issue 12): seconds per training step of the LogicTreeNet-S
/// MNIST shape (conv 5×5 16 ch depth 3 → orpool → conv 3×3 48 → orpool → conv 3×3 144 → orpool →
/// dense 20,480 / 10,240 / 5,120) at batch 100 on 2 threads, beside the step of the dense image
/// default (4 × 8,000, the demo model before the conv demo); then the accuracy runs of
/// configs/mnist-conv.json and configs/fashion-conv.json and of that dense model, each with gates,
/// depth, LUT6 and flip-flops (ABC `if -K 6`).
/// </summary>
public sealed class ConvBench : IBenchmark
{
    public const string MnistConfig = "configs/mnist-conv.json";
    public const string FashionConfig = "configs/fashion-conv.json";

    public string Name => "conv";
    public string Summary => "conv logic-tree networks: LogicTreeNet-S step time, mnist-conv and fashion-conv accuracy and size";

    /// <summary>The LogicTreeNet-S MNIST shape (k = 16 in the paper's 1280k/640k/320k dense widths).</summary>
    public static IReadOnlyList<LayerSpec> LogicTreeNetS { get; } =
    [
        LayerSpec.Conv(16, 5, 3), LayerSpec.OrPool(),
        LayerSpec.Conv(48, 3, 3, padding: 1), LayerSpec.OrPool(),
        LayerSpec.Conv(144, 3, 3, padding: 1), LayerSpec.OrPool(),
        LayerSpec.Dense(20_480), LayerSpec.Dense(10_240), LayerSpec.Dense(5_120),
    ];

    public void Run(BenchContext context)
    {
        // GF_CONV_PARTS=step,mnist-conv,fashion-conv,dense runs only those parts (all when unset):
        // the step timing alone takes a minute, the trainings most of an hour.
        var only = Environment.GetEnvironmentVariable("GF_CONV_PARTS")?.Split(',') ?? null;
        bool Wanted(string part) => only is null || only.Contains(part);
        if (Wanted("step"))
            StepTimes(context);
        foreach (var (label, file, data, time, goal) in new[]
        {
            ("mnist-conv", MnistConfig, "mnist-10k", "≤ 2700", "≥ 97.5 %, ≤ 150,000 gates"),
            ("fashion-conv", FashionConfig, "fashion-mnist", "≤ 3600", "≥ 90.5 %"),
        })
        {
            if (!Wanted(label))
                continue;
            var config = ModelConfig.Load(file);
            if (context.Quick)
                config = config with { Steps = 20, EvalEvery = 20 };
            TrainBench.TrainOn(context, data, label, config, time, goal, lutFigures: true);
        }
        // the dense reference beside them: the image default, the demo model before the conv demo
        if (Wanted("dense"))
            TrainBench.TrainOn(context, "mnist-10k", "dense 4 × 8,000", context.Quick ? ModelConfig.ImageDefault() with { Steps = 20, EvalEvery = 20 } : ModelConfig.ImageDefault(),
                "≤ 180", "≥ 92 %", lutFigures: true);
    }

    private static void StepTimes(BenchContext context)
    {
        var steps = context.Quick ? 3 : 20;
        var conv = new ModelConfig { Architecture = LogicTreeNetS, Classes = 10, EncoderBits = 1, Gumbel = true, Tau = 20f, Threads = 2 };
        var image = new BitImage(1, 28, 28);
        var convStep = SecondsPerStep(conv, image, steps);
        context.Report("conv", "LogicTreeNet-S step, batch 100, 2 threads (wall s)", F(convStep.Wall, 3), "≤ 0.15");
        context.Report("conv", "LogicTreeNet-S step (process CPU s)", F(convStep.Cpu, 3));
        var dense = ModelConfig.ImageDefault() with { Threads = 2 };
        var denseStep = SecondsPerStep(dense, new BitImage(2, 28, 28), steps);
        context.Report("conv", "dense 4 × 8,000 step (the image default), batch 100, 2 threads (wall s)", F(denseStep.Wall, 3));
        context.Report("conv", "dense 4 × 8,000 step (process CPU s)", F(denseStep.Cpu, 3));
        context.Report("conv", "LogicTreeNet-S step / dense 4 × 8,000 step (wall)", F(convStep.Wall / denseStep.Wall, 2));
    }

    // Steps on random images (the step's cost does not depend on the pixels); evaluation excluded.
    private static (double Wall, double Cpu) SecondsPerStep(ModelConfig config, BitImage image, int steps)
    {
        const int rows = 1000;
        var rng = new Random(1);
        var x = new byte[rows * image.Bits];
        for (var i = 0; i < x.Length; i++)
            x[i] = (byte)rng.Next(2);
        var set = new EncodedSet(x, Enumerable.Range(0, rows).Select(_ => rng.Next(10)).ToArray(), image.Bits) { Image = image };
        config = config with { BatchSize = 100, Steps = 2, EvalEvery = 1_000_000 };
        DlgnTrainer.Train(config, null, set, set, new TrainOptions()); // warm-up
        var wall = 0.0;
        var cpuAtLastStep = TimeSpan.Zero;
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        DlgnTrainer.Train(config with { Steps = steps }, null, set, set, new TrainOptions
        {
            ProgressEvery = steps,
            Progress = p =>
            {
                wall = p.Elapsed.TotalSeconds; // reported before the final evaluation
                process.Refresh();
                cpuAtLastStep = process.TotalProcessorTime;
            },
        });
        return (wall / steps, (cpuAtLastStep - cpu0).TotalSeconds / steps);
    }

    private static string F(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
