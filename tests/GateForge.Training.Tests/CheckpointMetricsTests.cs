namespace GateForge.Training.Tests;

/// <summary>
/// Training owns the checkpoint: metrics.csv has one reader and one writer (<see cref="TrainingMetrics"/>),
/// and the data set and loss curve (<see cref="TrainingRecord"/>) are written with the rest of the folder.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointMetricsTests
{
    private const string Header = "step,epoch,loss,batch_accuracy,soft_accuracy,discrete_accuracy,gap_points,samples_per_second,seconds,validation_accuracy";
    private const string TwoRows = Header + "\n10,0.370,0.693147,0.5625,0.6250,0.5000,12.50,812.3,0.41,0.5806\n20,0.741,1E-05,0.7500,0.8125,0.7500,6.25,790.0,0.80,\n";

    [Fact]
    public void Metrics_read_and_written_back_are_byte_identical()
    {
        var rows = TrainingMetrics.Parse(TwoRows, "m.csv");
        Assert.Equal([10, 20], rows.Select(r => r.Step));
        Assert.Equal(0.5806, rows[0].ValidationAccuracy);
        Assert.Null(rows[1].ValidationAccuracy);
        Assert.Equal(TwoRows, TrainingMetrics.Format(rows));
    }

    [Fact]
    public void A_file_from_before_the_validation_column_reads_and_gains_it_empty()
    {
        var old = "step,epoch,loss,batch_accuracy,soft_accuracy,discrete_accuracy,gap_points,samples_per_second,seconds\n10,0.370,0.693147,0.5625,0.6250,0.5000,12.50,812.3,0.41\n";
        var rows = TrainingMetrics.Parse(old, "m.csv");
        Assert.Null(Assert.Single(rows).ValidationAccuracy);
        Assert.Equal(Header + "\n10,0.370,0.693147,0.5625,0.6250,0.5000,12.50,812.3,0.41,\n", TrainingMetrics.Format(rows));
    }

    [Fact]
    public void A_malformed_row_is_an_error_naming_the_line_not_skipped()
    {
        (string Row, string Message)[] cases =
        [
            ("10,0.370,0.69x,0.5625,0.6250,0.5000,12.50,812.3,0.41,", "m.csv:3: loss '0.69x' is not a number"),
            ("10,0.370,0.69,0.5625,0.6250,0.5000,12.50,812.3,0.41", "m.csv:3: 9 fields, the header has 10"),
            ("x,0.370,0.69,0.5625,0.6250,0.5000,12.50,812.3,0.41,", "m.csv:3: step 'x' is not a step number"),
            ("5,0.370,0.69,0.5625,0.6250,0.5000,12.50,812.3,0.41,", "m.csv:3: step 5 does not follow step 10"),
            ("", "m.csv:3: 1 fields, the header has 10"),
        ];
        foreach (var (row, message) in cases)
        {
            var text = Header + "\n10,0.370,0.693147,0.5625,0.6250,0.5000,12.50,812.3,0.41,\n" + row + "\n";
            Assert.Equal(message, Assert.Throws<TrainingException>(() => TrainingMetrics.Parse(text, "m.csv")).Message);
        }
    }

    [Fact]
    public void A_checkpoint_with_a_malformed_row_loads_its_model_but_not_its_metrics()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        DlgnTrainer.Train(SmallConfigs.TwoLayerGumbel, Monk.Generate(1), new TrainOptions { CheckpointDir = path });
        var file = Path.Combine(path, Checkpoint.MetricsFile);
        var lines = File.ReadAllLines(file);
        lines[2] = "20,oops" + lines[2][lines[2].IndexOf(',', 3)..];
        File.WriteAllLines(file, lines);
        var checkpoint = Checkpoint.Load(path);
        var e = Assert.Throws<TrainingException>(() => checkpoint.Metrics);
        Assert.Equal($"{file}:3: epoch 'oops' is not a number", e.Message);
        Assert.Throws<TrainingException>(() => checkpoint.Curve());
        // resuming reads the metrics it continues
        var resume = Assert.Throws<TrainingException>(() => DlgnTrainer.Train(SmallConfigs.TwoLayerGumbel with { Steps = 60 }, Monk.Generate(1),
            new TrainOptions { CheckpointDir = path, Resume = true }));
        Assert.Equal(e.Message, resume.Message);
    }

    [Fact]
    public void The_checkpoint_records_its_data_set_and_a_resumed_run_continues_the_loss_curve()
    {
        using var dir = new TempDir();
        var path = dir.File("ckpt");
        var split = DataSets.Load("monk1");
        DlgnTrainer.Train(SmallConfigs.TwoLayerGumbel, split, new TrainOptions { CheckpointDir = path, Dataset = "monk1", StopAfterStep = 20 });
        Assert.Equal([10, 20], Checkpoint.Load(path).Record!.Step);
        DlgnTrainer.Train(SmallConfigs.TwoLayerGumbel, split, new TrainOptions { CheckpointDir = path, Resume = true });
        var checkpoint = Checkpoint.Load(path);
        Assert.Equal("monk1", checkpoint.Record!.Dataset);
        Assert.Equal([10, 20, 30, 40], checkpoint.Record.Step);
        var curve = checkpoint.Curve();
        Assert.Equal([10, 20, 30, 40], curve.Select(p => p.Step));
        Assert.All(curve, p => Assert.NotNull(p.DiscreteAccuracy)); // every 10th step is an evaluation here
        Assert.Equal(split.Test.Count, checkpoint.RecordedTestSet("test")!.Count);
        Assert.NotNull(Freezer.Freeze(path));
        // the freezer looks up the recorded data set itself: one that has moved is an error saying so
        var gone = "csv:" + dir.File("gone.csv");
        var c = checkpoint;
        new Checkpoint(c.Config, c.Encoder, c.State, c.Weights, c.Best, c.Optimizer, c.MetricsCsv, new TrainingRecord { Dataset = gone }).Save(path);
        var e = Assert.Throws<TrainingException>(() => Freezer.Freeze(path));
        Assert.StartsWith($"the data set {gone} that checkpoint '{path}' names cannot be loaded", e.Message, StringComparison.Ordinal);
    }
}
