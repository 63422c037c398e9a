
namespace GateForge.Training.Tests;

/// <summary>Model configs shared by the tests of checkpoints and training runs.</summary>
internal static class SmallConfigs
{
    /// <summary>2 × 40 unique-wired neurons with Gumbel noise, 40 steps, evaluated every 10: trains in a blink.</summary>
    public static readonly ModelConfig TwoLayerGumbel = new()
    {
        Layers = 2, Neurons = 40, Classes = 2, Gumbel = true,
        Init = ModelConfig.InitRandom, Wiring = Wiring.Unique, Tau = 4f, Steps = 40,
        EvalEvery = 10, BatchSize = 16, Threads = 1, Seed = 7,
    };
}
