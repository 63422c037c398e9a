using Xunit.Abstractions;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class TrainingQualityTests(ITestOutputHelper output)
{
    private static TrainResult TrainMonk(int problem, ModelConfig config) =>
        DlgnTrainer.Train(config, Monk.Generate(problem), new TrainOptions());

    // MONK-1 (a1 = a2 or a5 = 1) needs the three pairs (a1 = v, a2 = v) wired together and combined:
    // 2-3 narrow layers stay at 75-90 %, six residual layers of 128 learn the rule exactly
    // (10 of 10 seeds reached 100 % with these settings, 400 or 800 steps).
    // The tabular defaults (ModelDefaults), at the width these figures were measured with, all rows trained on.
    private static readonly ModelConfig Monk1Net = ModelDefaults.For(DataKind.Tabular) with { Neurons = 128, Validation = 0, EvalEvery = 400 };

    // MONK-3's training set has 6 flipped labels; networks that fit all 122 rows generalise worse
    // (94-96 %), this small one settles on the rule's main clause (a5 ≠ 4 and a2 ≠ 3) and reaches
    // 420/432: the 12 misses are exactly the instances of the other clause with a2 = 3
    // (a5 = 3, a4 = 1, a2 = 3), which only 2 training rows support (fewer than the noisy rows).
    // 100 % is not reached reliably by any setting tried (see the report of issue 5).
    private static readonly ModelConfig Monk3Net = new()
    {
        Layers = 2, Neurons = 60, Classes = 2, Wiring = Wiring.Random,
        Init = ModelConfig.InitRandom, Tau = 3f, LearningRate = 0.05f, BatchSize = 32,
        Steps = 400, EvalEvery = 100, Threads = 1, Seed = 3,
    };

    [Fact]
    public void Monk1_reaches_100_percent_discrete_test_accuracy()
    {
        var result = TrainMonk(1, Monk1Net);
        output.WriteLine($"MONK-1: {result.LastEvaluation}");
        var split = Monk.Generate(1);
        var (_, classes) = result.Last.PredictDiscrete(result.Last.Encode(split.Test), split.Test.Count);
        Assert.Equal(1.0, TrainedModel.Accuracy(classes, split.Test.Labels));
    }

    // One seed's 97.22 % sat on the old 97 % threshold with no margin. Seeds 1-5 measured (issue 15):
    // 96.53, 97.45, 97.22, 96.53, 89.12 % (seeds 6-8: 95.14, 95.14, 96.53): the median clears 95 %
    // by 1.5 points (6 test instances) and every seed clears 85 % by 4; a network that does not learn
    // the main clause is near 50-70 %.
    [Fact]
    public void Monk3_reaches_95_percent_discrete_test_accuracy_on_the_median_of_five_seeds()
    {
        var split = Monk.Generate(3);
        var accuracies = new List<double>();
        foreach (var seed in new[] { 1, 2, 3, 4, 5 })
        {
            var result = TrainMonk(3, Monk3Net with { Seed = seed });
            var (_, classes) = result.Last.PredictDiscrete(result.Last.Encode(split.Test), split.Test.Count);
            accuracies.Add(TrainedModel.Accuracy(classes, split.Test.Labels));
            output.WriteLine($"MONK-3 seed {seed}: {accuracies[^1]:P2}");
        }
        var median = accuracies.Order().ElementAt(2);
        Assert.True(median >= 0.95, $"median {median:P2} of {string.Join(", ", accuracies.Select(a => a.ToString("P2")))}");
        Assert.True(accuracies.Min() >= 0.85, $"worst seed {accuracies.Min():P2}");
    }

    // What MONK-3 above lacks is information, not capacity: trained on all 432 instances with their
    // true labels, the same kind of network learns MONK-3's rule exactly (6 of 6 seeds with these
    // settings). The benchmark's 122 training rows hold 2 rows of the clause that the 97 % misses, and
    // those 2 rows also fit other conjunctions (a3 = 2, a5 = 3, a6 = 1).
    [Fact]
    public void Monk3_rule_is_learned_exactly_from_all_432_instances()
    {
        var all = Monk.Generate(3).Test;
        var config = Monk3Net with { Layers = 3, Steps = 600, EvalEvery = 600, Seed = 1 };
        var result = DlgnTrainer.Train(config, new DataSplit(all, all), new TrainOptions());
        output.WriteLine($"MONK-3, all 432: {result.LastEvaluation}");
        var (_, classes) = result.Last.PredictDiscrete(result.Last.Encode(all), all.Count);
        Assert.Equal(1.0, TrainedModel.Accuracy(classes, all.Labels));
    }

    [Fact]
    public void Parity4_is_learned_exactly()
    {
        var config = ModelDefaults.For(DataKind.TruthTable);
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
