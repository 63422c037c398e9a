using System.CommandLine;
using System.Globalization;
using GateForge.Flow;
using GateForge.Training.Data;
using GateForge.Training.Models;

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
            var cfg = ModelConfigs.Load(parse.GetValue(config), spec);
            cfg = overrides.Apply(parse, cfg);
            if (DesignFlow.IsRecurrent(spec, cfg))
            {
                DesignFlow.TrainRecurrent(new TrainSettings { Config = cfg, Data = spec, Checkpoint = parse.GetValue(output)!, Resume = parse.GetValue(resume), Device = parse.GetValue(device)! }, context);
                return ExitCodes.Ok;
            }
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
        var trained = DesignFlow.Train(new TrainSettings { Config = config, Data = spec, Checkpoint = output, Resume = resume, Device = device }, context);
        var result = trained.Result;
        var e = result.LastEvaluation;
        context.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps in {result.Seconds:0.0} s: test accuracy soft {100 * e.SoftAccuracy:0.00}%, discrete {100 * e.DiscreteAccuracy:0.00}% (gap {e.GapPoints:0.00} points); checkpoint {output}"));
        var chosenOn = trained.Config.Validation > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{100 * trained.Config.Validation:0.#}% of the training rows, held out")
            : "the test set (no validation rows held out: its test accuracy is optimistic)";
        context.Line(string.Create(CultureInfo.InvariantCulture, $"best checkpoint: step {result.Best.Step}, chosen on {chosenOn}"));
        return ExitCodes.Ok;
    }
}
