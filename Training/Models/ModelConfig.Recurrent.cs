namespace GateForge.Training.Models;

public sealed partial record ModelConfig
{
    /// <summary>The recurrent model (SPEC §8); null for a dense stack.</summary>
    public RecurrentConfig? Recurrent { get; init; }

    /// <summary>
    /// The small recurrent model that sequence data get without <c>--config</c>: 16 hidden bits, a
    /// step network of 64 + 16 neurons, a 64-neuron readout. Enough for the stream tasks
    /// (bench <c>recurrent</c> has the figures).
    /// </summary>
    public static ModelConfig SmallRecurrent(int classes) => new()
    {
        // The readout's width: 64 rounded up to a multiple of the classes (GroupSum groups).
        Recurrent = new RecurrentConfig { Hidden = 16, StepLayers = [64], Readout = [(64 + classes - 1) / classes * classes] },
        Classes = classes,
        Parametrization = Softmax16,
        Init = InitResidual,
        Gumbel = true,
        Tau = 4f,
        LearningRate = 0.05f,
        BatchSize = 64,
        Steps = 1500,
        EvalEvery = 250,
        Validation = 0.1,
        Threads = 1,
        Seed = 1,
    };
}
