using System.CommandLine;
using System.Text.Json.Nodes;
using GateForge.Cli.Reports;
using GateForge.Ir;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Freeze;
using GateForge.Training.Models;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge freeze CHECKPOINT -o netlist.json</c>: the trained model as a gate-level netlist, checked bit-exact.</summary>
internal static class FreezeCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "Checkpoint folder written by `gateforge train`" };
        var output = new Option<string>("--output", "-o") { Description = "Netlist to write (.json, .aag or .aig)", Required = true };
        var data = new Option<string?>("--data", "-d") { Description = "Data set whose test samples check the netlist (default: the one it was trained on)" };
        var command = new Command("freeze", "Turn a trained checkpoint into a gate-level netlist (checked against the model)") { checkpoint, output, data };
        command.SetAction(parse => Run(context, parse.GetValue(checkpoint)!, parse.GetValue(output)!, parse.GetValue(data)));
        return command;
    }

    private static int Run(CliContext context, string checkpointDir, string output, string? dataSpec)
    {
        NetlistFiles.CheckOutput(output);
        var stage = context.Stage("freeze");
        var frozen = Freeze(context, checkpointDir, dataSpec);
        NetlistFiles.Save(frozen.Netlist, output);
        frozen.Report.Design = Path.GetFileNameWithoutExtension(output);
        frozen.Report.Timings["freeze"] = stage.Elapsed.TotalSeconds;
        NetlistFiles.SaveSidecar(frozen.Report, output);
        context.Line($"{frozen.Report.Netlist!.GatesAfter} gates, depth {frozen.Report.Netlist.Depth}; wrote {output}");
        return ExitCodes.Ok;
    }

    /// <summary>A frozen model with the report sections it fills: model, training curves, layers, netlist.</summary>
    public sealed record Frozen(TrainedModel Model, Netlist Netlist, DesignReport Report, DataSplit? Data);

    public static Frozen Freeze(CliContext context, string checkpointDir, string? dataSpec)
    {
        var dir = Inputs.RequireFolder(checkpointDir, "checkpoint folder");
        if (!File.Exists(Path.Combine(dir, Checkpoint.ConfigFile)))
            throw new UsageException($"'{checkpointDir}' is not a checkpoint folder (no {Checkpoint.ConfigFile}; write one with `gateforge train`)");
        var checkpoint = Checkpoint.Load(dir);
        var model = TrainedModel.FromCheckpoint(checkpoint);
        var record = TrainingRecord.Load(dir);
        var spec = dataSpec ?? record?.Dataset;
        var split = string.IsNullOrEmpty(spec) ? null : DataSets.Load(spec);

        Netlist netlist;
        var report = new DesignReport();
        report.Model = new ModelSection
        {
            Config = JsonNode.Parse(model.Config.ToJson()),
            Dataset = spec,
            CheckpointStep = model.Step,
            TrainedSteps = checkpoint.State.Step,
            ChosenOn = checkpoint.Best is null ? null : checkpoint.State.BestChosenOn,
        };
        if (split is not null)
        {
            var bits = model.Encode(split.Test);
            netlist = Freezer.Freeze(model, bits, split.Test.Count);
            var evaluation = model.Evaluate(bits, split.Test.Labels);
            report.Model.Accuracy = new AccuracySection { Soft = evaluation.SoftAccuracy, Discrete = evaluation.DiscreteAccuracy };
            report.Model.Gap = Math.Round(evaluation.GapPoints, 4);
            report.Model.TestSamples = split.Test.Count;
            context.Line($"frozen netlist equals the model in discrete mode on {split.Test.Count} test samples and 256 random vectors");
        }
        else
        {
            netlist = Freezer.Freeze(model);
            context.Line("frozen netlist equals the model in discrete mode on 256 random vectors (no data set known: pass --data to check the test set)");
        }
        report.Training = TrainingRecord.Curves(record, checkpoint.MetricsCsv);
        report.Layers = NeuronLiveness.Analyse(model.Network);
        report.Netlist = NetlistFiles.Section(netlist, netlist.GateCount);
        report.Source = new SourceSection { Checkpoint = dir };
        return new Frozen(model, netlist, report, split);
    }
}
