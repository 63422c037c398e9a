using System.CommandLine;
using System.Globalization;
using GateForge.Cli.Reports;
using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge train --data SPEC -o CHECKPOINT</c>: trains a model and writes its checkpoint folder.</summary>
internal static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var data = DataOption();
        var output = new Option<string>("--output", "-o") { Description = "Checkpoint folder to write", Required = true };
        var config = new Option<string?>("--config", "-c") { Description = "Model config JSON (default: the demo model, or a small one for small data sets)" };
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --output" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var overrides = ConfigOverrides.Create();
        var command = new Command("train", "Train a logic gate network; writes a checkpoint folder") { data, output, config, resume, device };
        overrides.AddTo(command);
        command.SetAction(parse =>
        {
            var spec = parse.GetValue(data)!;
            var cfg = ConfigOverrides.LoadConfig(parse.GetValue(config), spec);
            cfg = overrides.Apply(parse, cfg);
            return Run(context, spec, cfg, parse.GetValue(output)!, parse.GetValue(resume), parse.GetValue(device)!);
        });
        return command;
    }

    public static Option<string> DataOption() => new("--data", "-d")
    {
        Description = $"Data set: {string.Join(", ", DataSets.ValidSpecs)}",
        DefaultValueFactory = _ => DataSets.DefaultSpec,
    };

    private static int Run(CliContext context, string spec, ModelConfig config, string output, bool resume, string device)
    {
        if (File.Exists(output))
            throw new UsageException($"output '{output}' is a file; a checkpoint is a folder");
        if (device is not ("cpu" or "cuda"))
            throw new UsageException($"--device must be cpu or cuda, not '{device}'");
        var split = DataSets.Load(spec);
        config = ConfigOverrides.FitToData(config, split);
        var result = Train(context, config, split, spec, output, resume, device);
        if (result.Cancelled)
            throw new OperationCanceledException();
        var e = result.LastEvaluation;
        context.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps in {result.Seconds:0.0} s: test accuracy soft {100 * e.SoftAccuracy:0.00}%, discrete {100 * e.DiscreteAccuracy:0.00}% (gap {e.GapPoints:0.00} points); checkpoint {output}"));
        var chosenOn = config.Validation > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{100 * config.Validation:0.#}% of the training rows, held out")
            : "the test set (no validation rows held out: its test accuracy is optimistic)";
        context.Line(string.Create(CultureInfo.InvariantCulture, $"best checkpoint: step {result.Best.Step}, chosen on {chosenOn}"));
        return ExitCodes.Ok;
    }

    /// <summary>Trains with a progress line; records the data set and loss curve in the checkpoint folder.</summary>
    public static TrainResult Train(CliContext context, ModelConfig config, DataSplit split, string spec, string output, bool resume, string device)
    {
        var record = new TrainingRecord { Dataset = spec };
        var held = Holdout.Count(split.Train.Count, config.Validation);
        var rows = held > 0 ? $"{split.Train.Count - held} train + {held} validation" : $"{split.Train.Count} train";
        context.Line(string.Create(CultureInfo.InvariantCulture,
            $"training {config.Layers} x {config.Neurons} {config.Parametrization} on {spec} ({rows}, {split.Test.Count} test samples), {config.TotalSteps(DlgnTrainer.RowsTrainedOn(config, split.Train.Count))} steps"));
        using var progress = context.Progress("train");
        var result = DlgnTrainer.Train(config, split, new TrainOptions
        {
            Device = device,
            CheckpointDir = output,
            Resume = resume,
            Cancellation = context.Cancellation,
            ProgressEvery = 10,
            Progress = p =>
            {
                record.Step.Add(p.Step);
                record.Loss.Add(Math.Round(p.Loss, 6));
                var eval = p.Evaluation is { } ev
                    ? string.Create(CultureInfo.InvariantCulture, $" test soft {100 * ev.SoftAccuracy:0.0}% discrete {100 * ev.DiscreteAccuracy:0.0}%")
                      + (ev.ValidationAccuracy is { } v ? string.Create(CultureInfo.InvariantCulture, $" validation {100 * v:0.0}%") : "")
                    : "";
                progress.Report(p.Step, p.TotalSteps, string.Create(CultureInfo.InvariantCulture,
                    $"loss {p.Loss:0.0000} batch acc {100 * p.BatchAccuracy:0.0}% {p.SamplesPerSecond:0} samples/s{eval}"), keep: p.Evaluation is not null);
            },
        });
        if (Directory.Exists(output))
            record.Save(output);
        return result;
    }
}
