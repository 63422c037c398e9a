using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;
using Xunit.Abstractions;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class GumbelGapTests(ITestOutputHelper output)
{
    [Fact]
    public void Gumbel_straight_through_shrinks_the_discretisation_gap()
    {
        var split = Monk.Generate(2);
        var config = new ModelConfig
        {
            Layers = 4,
            Neurons = 64,
            Classes = 2,
            Init = ModelConfig.InitRandom,
            Wiring = Wiring.Random,
            Tau = 4f,
            LearningRate = 0.05f,
            Steps = 300,
            EvalEvery = 300,
            BatchSize = 32,
            Threads = 1,
            Seed = 5,
        };
        var plain = DlgnTrainer.Train(config, split, new TrainOptions()).LastEvaluation;
        var gumbel = DlgnTrainer.Train(config with { Gumbel = true }, split, new TrainOptions()).LastEvaluation;
        output.WriteLine($"plain softmax: soft {plain.SoftAccuracy:P2} discrete {plain.DiscreteAccuracy:P2} gap {plain.GapPoints:F2} points");
        output.WriteLine($"gumbel ST:     soft {gumbel.SoftAccuracy:P2} discrete {gumbel.DiscreteAccuracy:P2} gap {gumbel.GapPoints:F2} points");
        Assert.True(Math.Abs(gumbel.GapPoints) < Math.Abs(plain.GapPoints),
            $"gap with Gumbel {gumbel.GapPoints:F2} points is not below plain softmax's {plain.GapPoints:F2}");
    }
}
