namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class CheckpointTests
{
    private static readonly ModelConfig Config = SmallConfigs.TwoLayerGumbel;

    [Fact]
    public void Save_then_load_gives_the_same_outputs()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        var split = Monk.Generate(3);
        var result = DlgnTrainer.Train(Config, split, new TrainOptions { CheckpointDir = path });
        var loaded = TrainedModel.Load(path, best: false);
        var bits = result.Last.Encode(split.Test);
        Assert.Equal(bits, loaded.Encode(split.Test));
        AssertSamePredictions(result.Last, loaded, bits, split.Test.Count);
        Assert.Equal(result.Last.PredictSoft(bits, split.Test.Count), loaded.PredictSoft(bits, split.Test.Count));
        var best = TrainedModel.Load(path);
        Assert.Equal(result.Best.Step, best.Step);
        AssertSamePredictions(result.Best, best, bits, split.Test.Count);
        var metrics = File.ReadAllLines(Path.Combine(path, Checkpoint.MetricsFile));
        Assert.StartsWith("step,", metrics[0], StringComparison.Ordinal);
        Assert.Equal(5, metrics.Length); // header + evaluations at 10, 20, 30, 40
        Assert.DoesNotContain(Directory.GetDirectories(dir.Path), d => d.Contains(".tmp-", StringComparison.Ordinal));
    }

    private static void AssertSamePredictions(TrainedModel expected, TrainedModel actual, byte[] bits, int n)
    {
        var (scores, classes) = expected.PredictDiscrete(bits, n);
        var (scores2, classes2) = actual.PredictDiscrete(bits, n);
        Assert.Equal(scores, scores2);
        Assert.Equal(classes, classes2);
    }

    [Theory]
    [InlineData(LearningRateSchedule.Constant)]
    [InlineData(LearningRateSchedule.Cosine)] // the rate is a function of the step and the total: a resumed run continues the same curve
    public void Resume_continues_exactly_where_training_stopped(LearningRateSchedule schedule)
    {
        using var dir = new TempDir();
        var split = Monk.Generate(3);
        var config = Config with { LrSchedule = schedule };
        var straight = DlgnTrainer.Train(config, split, new TrainOptions());

        var path = dir.File("ckpt");
        var first = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, StopAfterStep = 20 });
        Assert.Equal(20, first.Steps);
        Assert.Equal(20, Checkpoint.Load(path).State.Step);
        var resumed = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, Resume = true });
        Assert.Equal(40, resumed.Steps);
        for (var l = 0; l < config.Layers; l++)
            Assert.Equal(straight.Last.Weights[l].Logits, resumed.Last.Weights[l].Logits);
        Assert.Equal(5, File.ReadAllLines(Path.Combine(path, Checkpoint.MetricsFile)).Length);
    }

    [Fact]
    public void Cancellation_stops_and_keeps_a_resumable_checkpoint()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        using var cts = new CancellationTokenSource();
        var result = DlgnTrainer.Train(Config, Monk.Generate(3), new TrainOptions
        {
            CheckpointDir = path,
            ProgressEvery = 1,
            Cancellation = cts.Token,
            Progress = p =>
            {
                if (p.Step == 13)
                    cts.Cancel();
            },
        });
        Assert.True(result.Cancelled);
        Assert.Equal(13, result.Steps);
        Assert.Equal(13, Checkpoint.Load(path).State.Step);
    }

    [Fact]
    public void Resuming_with_another_config_is_a_clear_error()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        DlgnTrainer.Train(Config with { Steps = 5, EvalEvery = 5 }, Monk.Generate(3), new TrainOptions { CheckpointDir = path });
        var e = Assert.Throws<TrainingException>(() =>
            DlgnTrainer.Train(Config with { Neurons = 60 }, Monk.Generate(3), new TrainOptions { CheckpointDir = path, Resume = true }));
        Assert.Contains("another model config", e.Message, StringComparison.Ordinal);
        Assert.Contains("layer 1: dense 60 unique vs dense 40 unique", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_checkpoint_files_are_clear_errors()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        DlgnTrainer.Train(Config with { Steps = 5, EvalEvery = 5 }, Monk.Generate(3), new TrainOptions { CheckpointDir = path });

        var weights = Path.Combine(path, Checkpoint.WeightsFileName);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<TrainingException>(() => Checkpoint.Load(path));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains(weights, e.Message, StringComparison.Ordinal);

        File.WriteAllBytes(weights, bytes);
        var config = Path.Combine(path, Checkpoint.ConfigFile);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"neurons\": 40", "\"neurons\": 30", StringComparison.Ordinal));
        e = Assert.Throws<TrainingException>(() => Checkpoint.Load(path));
        Assert.Contains("the config", e.Message, StringComparison.Ordinal);

        File.WriteAllText(config, "{ \"layers\": 2, \"bogus\": 1 }");
        e = Assert.Throws<TrainingException>(() => Checkpoint.Load(path));
        Assert.Contains(config, e.Message, StringComparison.Ordinal);

        Assert.Throws<TrainingException>(() => Checkpoint.Load(dir.File("missing")));
    }

    [Fact]
    public void Config_round_trips_through_json_and_rejects_bad_values()
    {
        var dense = ModelConfig.ImageDefault();
        Assert.Equal(dense, ModelConfig.FromJson(dense.ToJson(), "dense"));
        // the conv demo: a record compares its architecture list by reference, so compare what it says
        var demo = ModelConfig.Demo();
        var read = ModelConfig.FromJson(demo.ToJson(), "demo");
        Assert.Equal(demo.ToJson(), read.ToJson());
        Assert.True(demo.SameArchitecture(read));
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson("{ \"neurons\": 15, \"classes\": 10 }", "c.json"));
        Assert.Contains("c.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("multiple of classes", e.Message, StringComparison.Ordinal);
        Assert.Throws<TrainingException>(() => ModelConfig.FromJson("{ \"parametrization\": \"lut6\" }", "c.json"));
    }
}
