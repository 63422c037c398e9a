using Xunit.Abstractions;

namespace GateForge.Training.Tests;

/// <summary>One set of defaults per kind of data, whichever way the model is given (issue 15 item 6, issue 16 item 4).</summary>
public sealed class ModelDefaultsTests
{
    private static Dataset Csv(string text) => CsvReader.Parse(text, "t.csv", new CsvOptions());

    private static DataSplit ThreeClasses(int rows)
    {
        var lines = Enumerable.Range(0, rows).Select(r => $"{r % 7},{r % 5},{"abc"[r % 3]}");
        var data = Csv("f,g,label\n" + string.Join('\n', lines) + "\n");
        return new DataSplit(data, data);
    }

    [Fact]
    public void A_partial_config_overlays_the_defaults_of_its_data_kind()
    {
        var split = ThreeClasses(300);
        var partial = ModelDefaults.Resolve("csv:t.csv", split, "{\"threads\": 1, \"steps\": 50}", "c.json").Config;
        var none = ModelDefaults.Resolve("csv:t.csv", split).Config;
        Assert.Equal(none with { Steps = 50 }, partial);
        Assert.Equal((6, 120, 3), (none.Layers, none.Neurons, none.Classes)); // not the demo's 8,000
        Assert.Equal(ModelDefaults.ValidationShare, none.Validation);
    }

    [Fact]
    public void Overrides_apply_to_the_same_defaults_as_a_config_file()
    {
        var split = Monk.Generate(1);
        var flags = ModelDefaults.Resolve("monk1", split, overrides: c => c with { Layers = 3, Neurons = 120 }).Config;
        var file = ModelDefaults.Resolve("monk1", split, "{\"layers\": 3, \"neurons\": 120}").Config;
        Assert.Equal(file, flags);
        Assert.Equal((3f, 0.05f, 32), (flags.Tau, flags.LearningRate, flags.BatchSize));
    }

    [Fact]
    public void A_one_class_data_set_is_refused_in_one_line()
    {
        var data = Csv("f,label\n1,yes\n2,yes\n3,yes\n");
        var e = Assert.Throws<TrainingException>(() => ModelDefaults.Resolve("csv:t.csv", new DataSplit(data, data)));
        Assert.Equal("data set t has only one class (yes): there is nothing to learn", e.Message);
    }

    [Fact]
    public void Too_few_rows_train_without_validation_and_say_so()
    {
        var small = ModelDefaults.Resolve("csv:t.csv", ThreeClasses(60));
        Assert.Equal(0, small.Config.Validation);
        Assert.Contains("60 training rows are too few to hold out 10 validation rows", Assert.Single(small.Notes), StringComparison.Ordinal);
        Assert.Empty(ModelDefaults.Resolve("csv:t.csv", ThreeClasses(100)).Notes);
    }

    [Fact]
    public void Default_neurons_are_rounded_up_to_a_multiple_of_the_classes()
    {
        var lines = Enumerable.Range(0, 300).Select(r => $"{r % 7},{"abcdefg"[r % 7]}");
        var data = Csv("f,label\n" + string.Join('\n', lines) + "\n");
        Assert.Equal(126, ModelDefaults.Resolve("csv:t.csv", new DataSplit(data, data)).Config.Neurons);
    }

    [Fact]
    public void Neurons_that_do_not_fit_the_classes_are_refused_not_changed()
    {
        var e = Assert.Throws<TrainingException>(() => ModelDefaults.Resolve("csv:t.csv", ThreeClasses(300), "{\"neurons\": 100}"));
        Assert.Contains("neurons (100) must be a multiple of classes (3)", e.Message, StringComparison.Ordinal);
        Assert.Throws<TrainingException>(() => ModelDefaults.Resolve("csv:t.csv", ThreeClasses(300), "{\"nuerons\": 99}"));
    }
}

/// <summary>The defaults reach what the hand-tuned tests reach on the built-in tasks.</summary>
[Collection(TorchCollection.Name)]
public sealed class ModelDefaultsQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Monk1_defaults_reach_100_percent_with_validation_rows_held_out()
    {
        var split = Monk.Generate(1);
        var resolved = ModelDefaults.Resolve("monk1", split);
        Assert.Empty(resolved.Notes);
        Assert.True(resolved.Config.Validation > 0);
        var result = DlgnTrainer.Train(resolved.Config, split, new TrainOptions());
        output.WriteLine($"MONK-1 defaults: {result.LastEvaluation}");
        var (_, classes) = result.Best.PredictDiscrete(result.Best.Encode(split.Test), split.Test.Count);
        Assert.Equal(1.0, TrainedModel.Accuracy(classes, split.Test.Labels));
    }

    [Fact]
    public void Parity_defaults_learn_the_truth_table_exactly()
    {
        var split = Synthetic.Parity(4);
        var resolved = ModelDefaults.Resolve("parity4", split);
        var result = DlgnTrainer.Train(resolved.Config, split, new TrainOptions());
        output.WriteLine($"parity4 defaults: {result.LastEvaluation}");
        Assert.Equal(1.0, result.Best.Evaluate(result.Best.Encode(split.Test), split.Test.Labels).DiscreteAccuracy);
    }
}
