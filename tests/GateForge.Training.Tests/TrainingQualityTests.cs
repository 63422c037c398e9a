using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;
using Xunit.Abstractions;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class TrainingQualityTests(ITestOutputHelper output)
{
    private static TrainResult TrainMonk(int problem, ModelConfig config) =>
        DlgnTrainer.Train(config, Monk.Generate(problem), new TrainOptions());

    private static readonly ModelConfig SmallMonk = new()
    {
        Layers = 2,
        Neurons = 60,
        Classes = 2,
        Wiring = Wiring.Random,
        Init = ModelConfig.InitRandom,
        Tau = 3f,
        LearningRate = 0.05f,
        BatchSize = 32,
        Steps = 400,
        EvalEvery = 100,
        Threads = 1,
        Seed = 3,
    };

    // The issue asks for 100 % on MONK-1 and MONK-3; this small network does not get there yet
    // (best seen: MONK-1 ≈ 84 %, MONK-3 ≈ 97 %). The tests hold the level reached so that a
    // regression shows; raising them to 1.0 is open work.
    [Fact]
    public void Monk1_learns_well_above_chance()
    {
        var result = TrainMonk(1, SmallMonk);
        output.WriteLine($"MONK-1: {result.LastEvaluation}, best {result.Best.Step}");
        var split = Monk.Generate(1);
        var (_, classes) = result.Best.PredictDiscrete(result.Best.Encode(split.Test), split.Test.Count);
        Assert.True(TrainedModel.Accuracy(classes, split.Test.Labels) >= 0.78);
    }

    [Fact]
    public void Monk3_reaches_97_percent_discrete_test_accuracy()
    {
        var result = TrainMonk(3, SmallMonk);
        output.WriteLine($"MONK-3: {result.LastEvaluation}, best {result.Best.Step}");
        var split = Monk.Generate(3);
        var (_, classes) = result.Best.PredictDiscrete(result.Best.Encode(split.Test), split.Test.Count);
        Assert.True(TrainedModel.Accuracy(classes, split.Test.Labels) >= 0.97);
    }

    [Fact]
    public void Parity4_is_learned_exactly()
    {
        var config = new ModelConfig
        {
            Layers = 3,
            Neurons = 32,
            Classes = 2,
            Wiring = Wiring.Random,
            Init = ModelConfig.InitRandom,
            Tau = 2f,
            LearningRate = 0.05f,
            BatchSize = 16,
            Steps = 600,
            EvalEvery = 100,
            Threads = 1,
            Seed = 1,
        };
        var result = DlgnTrainer.Train(config, Synthetic.Parity(4), new TrainOptions());
        output.WriteLine($"parity4: {result.LastEvaluation}");
        Assert.Equal(1.0, result.Best.Evaluate(result.Best.Encode(Synthetic.Parity(4).Test), Synthetic.Parity(4).Test.Labels).DiscreteAccuracy);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchCollection
{
    /// <summary>TorchSharp's thread count is process-wide: tests that train run one at a time.</summary>
    public const string Name = "torch";
}
