using Xunit.Abstractions;

namespace GateForge.Training.Tests;

/// <summary>
/// Gumbel straight-through training, on two seeds with margins. This replaced a test that compared
/// one seed's gap on MONK-2 with plain softmax's: there Gumbel training predicted the majority
/// class on 5 of 5 seeds (67.13 % soft and discrete, gap 0.00), so "its gap is smaller" passed on a
/// constant model. Measured this round (issue 15) on MONK-1, MONK-2 and bars, 2 seeds each, no
/// setting tried had a smaller gap with Gumbel than without on these small tasks (plain softmax's
/// gap was 0-2 points); what holds, and is checked here, is that it learns and stays close to its
/// relaxed accuracy once the learning rate suits the noise (bars: 98.0 and 98.3 % discrete, gap 0.4
/// points, at lr 0.3; at lr 0.1 69.4 and 66.7 %).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GumbelGapTests(ITestOutputHelper output)
{
    private static readonly ModelConfig BarsNet = SmallConfigs.TwoLayerGumbel with
    {
        Layers = 3, Neurons = 400, Wiring = Wiring.Random, Tau = 10f, LearningRate = 0.3f, Steps = 200, EvalEvery = 200, BatchSize = 64,
    };

    [Fact]
    public void Gumbel_straight_through_learns_bars_on_two_seeds_with_a_small_gap()
    {
        var split = Synthetic.Bars();
        var majority = Enumerable.Range(0, split.Test.ClassCount).Max(c => split.Test.Labels.Count(l => l == c)) / (double)split.Test.Count;
        foreach (var seed in new[] { 1, 2 })
        {
            var e = DlgnTrainer.Train(BarsNet with { Classes = split.Train.ClassCount, Seed = seed }, split, new TrainOptions()).LastEvaluation;
            output.WriteLine($"seed {seed}: soft {e.SoftAccuracy:P2} discrete {e.DiscreteAccuracy:P2} gap {e.GapPoints:F2} points (majority class {majority:P2})");
            // a constant model (the failure seen on MONK-2) is the majority share: 40 points below this
            Assert.True(e.DiscreteAccuracy >= 0.93, $"seed {seed}: discrete {e.DiscreteAccuracy:P2} (majority class {majority:P2})");
            Assert.True(Math.Abs(e.GapPoints) <= 2.5, $"seed {seed}: gap {e.GapPoints:F2} points");
        }
    }
}
