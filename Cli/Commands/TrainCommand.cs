using System.CommandLine;
using System.Globalization;
using GateForge.Flow;
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
        var resume = new Option<bool>("--resume") { Description = "Continue from the checkpoint in --output (its own model config and data set unless -c / --data say otherwise)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var overrides = ConfigOverrides.Create();
        var command = new Command("train", "Train a logic gate network; writes a checkpoint folder") { data, output, config, resume, device };
        overrides.AddTo(command);
        command.SetAction(parse =>
        {
            // --resume without -c / --data continues the checkpoint's own model on its recorded data
            var resumed = parse.GetValue(resume) ? DesignFlow.ResumePoint(parse.GetValue(output)!) : null;
            var dataGiven = parse.GetResult(data) is { Implicit: false };
            var spec = !dataGiven && resumed?.Data is { } recorded ? recorded : parse.GetValue(data)!;
            var cfg = parse.GetValue(config) is null && resumed is { } r ? r.Config : ModelConfigs.Load(parse.GetValue(config), spec);
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

    // the last step's figure too, when it is another step's
    private static string LastStep(TrainResult result) =>
        result.Best.Step == result.Steps ? ""
        : string.Create(CultureInfo.InvariantCulture, $"; at the last step ({result.Steps}): discrete {100 * result.LastEvaluation.DiscreteAccuracy:0.00}%");

    public static Option<string> DataOption() => new("--data", "-d")
    {
        Description = $"Data set: {string.Join(", ", DataSets.ValidSpecs)}",
        DefaultValueFactory = _ => DataSets.DefaultSpec,
    };

    private static int Run(CliContext context, string spec, ModelConfig config, string output, bool resume, string device)
    {
        var trained = DesignFlow.Train(new TrainSettings { Config = config, Data = spec, Checkpoint = output, Resume = resume, Device = device }, context);
        var result = trained.Result;
        // The accuracy printed is the best checkpoint's (what freeze takes), not the last step's: with
        // configs/mnist-small.json at tau 10 this line said 93.60% (step 3,000) for a design that
        // freezes step 1,500 at 93.25%.
        var e = result.BestEvaluation;
        context.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps in {result.Seconds:0.0} s; checkpoint {output}"));
        var chosenOn = trained.Config.Validation > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{100 * trained.Config.Validation:0.#}% of the training rows, held out")
            : "the test set (no validation rows held out: its test accuracy is optimistic)";
        context.Line(string.Create(CultureInfo.InvariantCulture,
            $"best checkpoint: step {result.Best.Step}, chosen on {chosenOn}: test accuracy soft {100 * e.SoftAccuracy:0.00}%, discrete {100 * e.DiscreteAccuracy:0.00}% (gap {e.GapPoints:0.00} points){LastStep(result)}"));
        return ExitCodes.Ok;
    }
}
