namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class LearningRateScheduleTests
{
    private static readonly ModelConfig Cosine = SmallConfigs.TwoLayerGumbel with { LrSchedule = LearningRateSchedule.Cosine, LearningRate = 0.05f };

    [Fact]
    public void Constant_gives_the_rate_at_every_step()
    {
        foreach (var step in new[] { 0, 1, 50, 99, 150 })
            Assert.Equal(0.2, LearningRates.At(LearningRateSchedule.Constant, 0.2, step, 100));
    }

    [Fact]
    public void Cosine_starts_at_the_rate_halves_midway_and_ends_near_zero()
    {
        const double rate = 0.2;
        Assert.Equal(rate, LearningRates.At(LearningRateSchedule.Cosine, rate, 0, 100), 12);
        Assert.Equal(rate / 2, LearningRates.At(LearningRateSchedule.Cosine, rate, 50, 100), 12);
        var last = LearningRates.At(LearningRateSchedule.Cosine, rate, 99, 100);
        Assert.InRange(last, 1e-6, rate * 0.001);
        var previous = double.MaxValue;
        for (var step = 0; step < 100; step++)
        {
            var r = LearningRates.At(LearningRateSchedule.Cosine, rate, step, 100);
            Assert.True(r < previous, $"step {step}: {r} after {previous}");
            previous = r;
        }
        // a run extended past its planned total keeps the curve's last rate, never a negative or rising one
        Assert.Equal(last, LearningRates.At(LearningRateSchedule.Cosine, rate, 150, 100));
    }

    [Fact]
    public void The_trainer_takes_the_scheduled_rate_at_each_step()
    {
        // The last of 40 cosine steps uses 0.0015 of the rate; Adam moves a weight by at most about
        // 3.2 times the step's rate ((1 − β1) / √(1 − β2) on the first steps, less later). A constant
        // rate moves the same weights far more on its last step.
        var split = Monk.Generate(3);
        var lastRate = LearningRates.At(LearningRateSchedule.Cosine, Cosine.LearningRate, Cosine.Steps - 1, Cosine.Steps);
        Assert.True(LastStepChange(Cosine, split) <= 4 * lastRate);
        Assert.True(LastStepChange(Cosine with { LrSchedule = LearningRateSchedule.Constant }, split) > 40 * lastRate);
    }

    [Fact]
    public void The_schedule_is_saved_with_the_config_and_old_configs_read_as_constant()
    {
        Assert.Contains("\"lrSchedule\": \"cosine\"", Cosine.ToJson(), StringComparison.Ordinal);
        Assert.Equal(LearningRateSchedule.Cosine, ModelConfig.FromJson(Cosine.ToJson(), "test").LrSchedule);
        Assert.Equal(LearningRateSchedule.Constant, ModelConfig.FromJson("""{"steps": 10}""", "test").LrSchedule);
        var e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson("""{"lrSchedule": "linear"}""", "m.json"));
        Assert.Equal("m.json: not a valid model config: 'lrSchedule' must be constant or cosine", e.Message);
        // a number is read as an enum value; one that names no schedule is refused before training starts
        e = Assert.Throws<TrainingException>(() => ModelConfig.FromJson("""{"lrSchedule": 3}""", "m.json"));
        Assert.Equal("m.json: lrSchedule must be constant or cosine", e.Message);
    }

    // The largest change of any logit made by the last step of a run of config.Steps steps.
    private static float LastStepChange(ModelConfig config, DataSplit split)
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        var before = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, StopAfterStep = config.Steps - 1 });
        var after = DlgnTrainer.Train(config, split, new TrainOptions { CheckpointDir = path, Resume = true });
        var most = 0f;
        for (var l = 0; l < config.Layers; l++)
        {
            var a = before.Last.Weights[l].Logits;
            var b = after.Last.Weights[l].Logits;
            for (var i = 0; i < a.Length; i++)
                most = Math.Max(most, Math.Abs(a[i] - b[i]));
        }
        return most;
    }
}
