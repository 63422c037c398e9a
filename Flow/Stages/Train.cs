using System.Globalization;
using System.Text.Json.Nodes;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Flow;

/// <summary>What to train: the model, the data set, the checkpoint folder.</summary>
public sealed record TrainSettings
{
    public required ModelConfig Config { get; init; }
    /// <summary>Data set spec (<see cref="DataSets.ValidSpecs"/>), recorded in the checkpoint so later stages find the test set.</summary>
    public required string Data { get; init; }
    public required string Checkpoint { get; init; }
    public bool Resume { get; init; }
    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>The data set already loaded (<c>run</c> loads it once); null: loaded from <see cref="Data"/>.</summary>
    public DataSplit? Split { get; init; }
}

/// <summary>A finished training run: the trainer's result, the config fitted to the data, the data.</summary>
public sealed record Trained(TrainResult Result, ModelConfig Config, DataSplit Data, string Checkpoint);

public static partial class DesignFlow
{
    /// <summary>Trains with a progress bar and writes the checkpoint folder; Ctrl-C throws <see cref="OperationCanceledException"/>.</summary>
    public static Trained Train(TrainSettings settings, IFlowProgress progress)
    {
        var output = settings.Checkpoint;
        if (File.Exists(output))
            throw new FlowUsageException($"output '{output}' is a file; a checkpoint is a folder");
        if (settings.Device is not ("cpu" or "cuda"))
            throw new FlowUsageException($"--device must be cpu or cuda, not '{settings.Device}'");
        var split = settings.Split ?? DataSets.Load(settings.Data);
        var resolved = ModelConfigs.FitToData(settings.Config, split, settings.Data);
        var config = resolved.Config;
        foreach (var note in resolved.Notes)
            progress.Line(note);
        var spec = settings.Data;
        var held = Holdout.Count(split.Train.Count, config.Validation);
        var rows = held > 0 ? $"{split.Train.Count - held} train + {held} validation" : $"{split.Train.Count} train";
        var totalSteps = config.TotalSteps(DlgnTrainer.RowsTrainedOn(config, split.Train.Count));
        // Issue 16: with --epochs the steps are derived; record those, not the stale default steps, in config.json.
        if (config.Epochs > 0)
            config = config with { Steps = totalSteps };
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"training {(config.Architecture is null ? $"{config.Layers} x {config.Neurons}" : $"[{config.DescribeLayers()}]")} {config.Parametrization} on {spec} ({rows}, {split.Test.Count} test samples), {totalSteps} steps"));
        // Issue 16: the config as resolved (file, defaults and overrides together), so a user sees what trains.
        progress.Line("config " + JsonNode.Parse(config.ToJson())!.ToJsonString());
        TrainResult result;
        using (var bar = progress.Bar("train"))
        {
            // Recorded anchored (csv/idx paths absolute), so later stages find the data from any folder.
            result = DlgnTrainer.Train(config, split, TrainOptionsFor(settings, DataSets.Anchored(spec), bar, progress));
        }
        // The trainer saves the checkpoint when it stops, so a cancelled run is resumable.
        if (result.Cancelled)
            throw Directory.Exists(output)
                ? new StageCancelledException($"cancelled at step {result.Steps} of {totalSteps}; the checkpoint in {output} holds step {result.Steps} (`gateforge train --resume -o {output}` continues)")
                : new OperationCanceledException();
        return new Trained(result, config, split, output);
    }

    /// <summary>
    /// What <c>train --resume</c> continues when it is given no model config or no data set: the
    /// checkpoint's own <c>config.json</c> and the data set it records (null when it records none).
    /// Null when <paramref name="checkpointDir"/> holds no checkpoint yet (a fresh run).
    /// </summary>
    public static (ModelConfig Config, string? Data)? ResumePoint(string checkpointDir)
    {
        var configFile = Path.Combine(checkpointDir, Checkpoint.ConfigFile);
        if (!File.Exists(configFile))
            return null;
        return (ModelConfig.Load(configFile), TrainingRecord.Load(checkpointDir)?.Dataset);
    }

    /// <summary>The trainer's options for a stage run: checkpoint (recording <paramref name="dataset"/>), resume, cancellation, and progress into the bar.</summary>
    internal static TrainOptions TrainOptionsFor(TrainSettings settings, string dataset, IProgressBar bar, IFlowProgress progress) => new()
    {
        Device = settings.Device,
        CheckpointDir = settings.Checkpoint,
        Dataset = dataset,
        Resume = settings.Resume,
        Cancellation = progress.Cancellation,
        ProgressEvery = 10,
        Progress = p =>
        {
            var eval = p.Evaluation is { } ev
                ? string.Create(CultureInfo.InvariantCulture, $" test soft {100 * ev.SoftAccuracy:0.0}% discrete {100 * ev.DiscreteAccuracy:0.0}%")
                  + (ev.ValidationAccuracy is { } v ? string.Create(CultureInfo.InvariantCulture, $" validation {100 * v:0.0}%") : "")
                : "";
            bar.Report(p.Step, p.TotalSteps, string.Create(CultureInfo.InvariantCulture,
                $"loss {p.Loss:0.0000} batch acc {100 * p.BatchAccuracy:0.0}% {p.SamplesPerSecond:0} samples/s{eval}"), keep: p.Evaluation is not null);
        },
    };
}
