namespace GateForge.Training.Tests;

/// <summary>Damaged weights are refused in one line (issue 15 item 4): before, an overflowing neuron
/// count was an OverflowException (exit 3), NaN logits froze "successfully", a missing best.bin fell
/// back to the last weights without a word.</summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointValidationTests
{
    private static string TrainTiny(TempDir dir)
    {
        var path = dir.File("ckpt");
        DlgnTrainer.Train(SmallConfigs.TwoLayerGumbel with { Steps = 5, EvalEvery = 5 }, Monk.Generate(3), new TrainOptions { CheckpointDir = path });
        Assert.True(File.Exists(Path.Combine(path, Checkpoint.BestFile)));
        return path;
    }

    private static TrainingException Refused(string path, string expected)
    {
        var e = Assert.Throws<TrainingException>(() => Checkpoint.Load(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Overflowing_neuron_count_is_refused_in_one_line()
    {
        using var dir = new TempDir();
        var path = TrainTiny(dir);
        var best = Path.Combine(path, Checkpoint.BestFile);
        var bytes = File.ReadAllBytes(best);
        // layer 0's neuron count: bytes 16-19 in the version-1 file; version 2 puts the layer's kind
        // before its inputs, so the count is at bytes 20-23 (magic 8, layer count 4, kind 4, inputs 4)
        bytes[20] = 0xff; bytes[21] = 0xff; bytes[22] = 0xff; bytes[23] = 0x7f;
        File.WriteAllBytes(best, bytes);
        Assert.StartsWith($"{best}: truncated weights file", Refused(path, "truncated").Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_logits_are_refused(float value)
    {
        using var dir = new TempDir();
        var path = TrainTiny(dir);
        var best = Path.Combine(path, Checkpoint.BestFile);
        var bytes = File.ReadAllBytes(best);
        BitConverter.GetBytes(value).CopyTo(bytes, bytes.Length - 4); // the last logit of the last layer
        File.WriteAllBytes(best, bytes);
        Refused(path, "layer 1 logit");
        Refused(path, "(not a finite number)");
    }

    [Fact]
    public void Missing_best_weights_are_refused_not_silently_replaced()
    {
        using var dir = new TempDir();
        var path = TrainTiny(dir);
        File.Delete(Path.Combine(path, Checkpoint.BestFile));
        Refused(path, $"{Checkpoint.BestFile}: file not found, although {Checkpoint.StateFile} names step");
    }
}
