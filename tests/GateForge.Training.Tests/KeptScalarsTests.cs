using GateForge.Training.Runtime;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>
/// TorchSharp frees an unreachable Scalar from the finalizer thread, even while libtorch still reads it
/// (<see cref="KeptScalars"/> has the CI failure this caused). These tests collect garbage on another thread
/// as fast as it will go while tensors are computed: with TorchSharp's implicit Scalars (<c>a + b</c>,
/// <c>x / 2</c>) the first test failed within a second here ("Expected false to be true … Scalar.h:140").
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class KeptScalarsTests
{
    [Fact]
    public void Kept_scalar_arithmetic_survives_a_collecting_thread()
    {
        TorchRuntime.EnsureLoaded();
        using var a = tensor(new[] { 0.25f, 0.5f, 2f });
        using var b = tensor(new[] { 1f, 3f, -1f });
        using (new Collector())
        {
            for (var i = 0; i < 100_000; i++)
            {
                using var scope = NewDisposeScope();
                var r = (a.Plus(b) - a.OneMinus()).Over(2).Times(4).clamp(KeptScalars.Of(-1), KeptScalars.Of(5));
                Assert.Equal([1f, 5f, 4f], r.data<float>().ToArray()); // 2·(a + b − (1 − a)) = 1, 6, 4; clamped to ≤ 5
            }
        }
    }

    [Fact]
    public void Training_survives_a_collecting_thread_and_learns_the_same_weights()
    {
        // every relaxation path: dense with Gumbel (softmax16) and a gradient factor, conv with binary
        // Gumbel (iwp), recurrent (state mixing by the mask)
        var dense = SmallConfigs.TwoLayerGumbel with { GradFactor = 2f, Steps = 100 };
        var conv = new ModelConfig
        {
            Classes = 2, Architecture = [LayerSpec.Conv(4, 3, 2, padding: 1), LayerSpec.OrPool(2, 2), LayerSpec.Dense(20)],
            Parametrization = ModelConfig.Iwp, Gumbel = true, Tau = 4f, BatchSize = 20, Steps = 60, EvalEvery = 30, Threads = 1, Seed = 4,
        };
        var recurrent = ModelConfig.SmallRecurrent(2) with { Steps = 100, EvalEvery = 50, Gumbel = true };
        var monk = Monk.Generate(3);
        var bars = Synthetic.Bars();
        var streams = StreamTasks.Load("stream-parity");
        IReadOnlyList<LayerWeights>[] Run() =>
        [
            DlgnTrainer.Train(dense, monk, new TrainOptions()).Last.Weights,
            DlgnTrainer.Train(conv, bars, new TrainOptions()).Last.Weights,
            RecurrentTrainer.Train(recurrent, streams, new TrainOptions()).Last.Weights,
        ];
        var quiet = Run();
        IReadOnlyList<LayerWeights>[] collected;
        using (new Collector())
            collected = Run();
        for (var m = 0; m < quiet.Length; m++)
            for (var l = 0; l < quiet[m].Count; l++)
                Assert.Equal(quiet[m][l].Logits, collected[m][l].Logits);
    }

    /// <summary>Collects garbage and runs finalizers on its own thread until disposed.</summary>
    private sealed class Collector : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;

        public Collector()
        {
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}
