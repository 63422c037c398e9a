
namespace GateForge.Bench;

/// <summary>
/// Issue 5's quality goal: the best configuration found for mnist-10k (configs/mnist-best.json),
/// trained from scratch in at most 30 minutes on this 2-core machine to ≥ 95 % discrete test
/// accuracy. Accuracy, gap and gates before and after -O2 are printed. `--quick` trains 50 steps.
/// </summary>
public sealed class MnistBestBench : IBenchmark
{
    public const string ConfigFile = "configs/mnist-best.json";

    public string Name => "mnist-best";
    public string Summary => $"the best mnist-10k configuration ({ConfigFile}): ≤ 30 minutes, ≥ 95 %";

    public void Run(BenchContext context)
    {
        var config = ModelConfig.Load(ConfigFile);
        if (context.Quick)
            config = config with { Steps = 50, EvalEvery = 50 };
        TrainBench.TrainOnMnist(context, "best config", config, "≤ 1800", "≥ 95 %");
    }
}
