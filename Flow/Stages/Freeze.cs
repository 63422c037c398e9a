using System.Diagnostics;
using System.Text.Json.Nodes;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Freeze;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Flow;

/// <summary>What to freeze: a checkpoint folder, and the data set whose test samples check the netlist.</summary>
public sealed record FreezeSettings
{
    public required string Checkpoint { get; init; }
    /// <summary>Data set spec; null: the one the checkpoint was trained on.</summary>
    public string? Data { get; init; }
    /// <summary>The data set already loaded (<c>run</c>); null: loaded from the spec.</summary>
    public DataSplit? Split { get; init; }
    /// <summary>What the head puts on the outputs (<c>--outputs</c>): the scores and class_id, or class_id alone.</summary>
    public HeadOutputs Outputs { get; init; } = HeadOutputs.ScoresAndClassId;
}

/// <summary>
/// A frozen model with the report sections it fills (model, training curves, layers, netlist), and
/// its test set, raw and encoded once for the later stages (null when no data set is known).
/// </summary>
public sealed record Frozen(TrainedModel Model, Netlist Netlist, DesignReport Report, Dataset? TestData, EncodedTestSet? Test);

/// <summary>A model's netlist, its encoded test set and its accuracy there (both null without a test set).</summary>
public sealed record FrozenModel(Netlist Netlist, EncodedTestSet? Test, Evaluation? Evaluation);

public static partial class DesignFlow
{
    /// <summary>The trained model as a gate-level netlist, checked bit-exact against the model.</summary>
    public static Frozen Freeze(FreezeSettings settings, IFlowProgress progress)
    {
        var checkpointDir = settings.Checkpoint;
        var dir = Inputs.RequireFolder(checkpointDir, "checkpoint folder");
        if (!File.Exists(Path.Combine(dir, Checkpoint.ConfigFile)))
            throw new FlowUsageException($"'{checkpointDir}' is not a checkpoint folder (no {Checkpoint.ConfigFile}; write one with `gateforge train`)");
        var checkpoint = Checkpoint.Load(dir);
        var model = TrainedModel.FromCheckpoint(checkpoint);
        var spec = settings.Data is { } given ? DataSets.Anchored(given) : checkpoint.Record?.Dataset;
        var curve = checkpoint.Curve(); // reads metrics.csv: a malformed row stops here, before any work
        var testSet = settings.Split?.Test
            ?? (settings.Data is not null ? DataSets.Load(spec!).Test : checkpoint.RecordedTestSet($"checkpoint '{checkpointDir}'"));

        var report = new DesignReport();
        report.Model = new ModelSection
        {
            Config = JsonNode.Parse(model.Config.ToJson()),
            Dataset = spec,
            CheckpointStep = model.Step,
            TrainedSteps = checkpoint.State.Step,
            ChosenOn = checkpoint.Best is null ? null : checkpoint.State.BestChosenOn,
        };
        // Training time as the checkpoint records it (all runs): report.json has it when `train` ran separately.
        if (checkpoint.State.Seconds > 0)
            report.Timings["train"] = Math.Round(checkpoint.State.Seconds, 3);
        var (netlist, test, evaluation) = FreezeModel(model, testSet, progress, settings.Outputs);
        if (test is not null && evaluation is not null)
        {
            report.Model.Accuracy = new AccuracySection { Soft = evaluation.SoftAccuracy, Discrete = evaluation.DiscreteAccuracy };
            report.Model.Gap = Math.Round(evaluation.GapPoints, 4);
            report.Model.TestSamples = test.Count;
        }
        report.Training = TrainingCurves.Of(curve);
        report.Layers = NeuronLiveness.Analyse(model.Network);
        report.Netlist = NetlistFiles.Section(netlist, netlist.GateCount);
        report.Source = new SourceSection { Checkpoint = dir };
        return new Frozen(model, netlist, report, testSet, test);
    }

    /// <summary>
    /// A model in memory as a netlist, checked bit-exact on the test set (when given) and 256 random
    /// vectors; evaluated soft and discrete on the test set.
    /// </summary>
    public static FrozenModel FreezeModel(TrainedModel model, Dataset? testSet, IFlowProgress progress,
        HeadOutputs outputs = HeadOutputs.ScoresAndClassId)
    {
        var head = HeadOptions.Default with { Outputs = outputs };
        if (outputs == HeadOutputs.ClassId)
            progress.Line("head: class_id only (no scores bus); every check compares class_id alone");
        if (testSet is null)
        {
            var alone = Freezer.Freeze(model, head: head);
            progress.Line("frozen netlist equals the model in discrete mode on 256 random vectors (no data set known: pass --data to check the test set)");
            return new FrozenModel(alone, null, null);
        }
        var test = EncodedTestSet.Of(model, testSet);
        var netlist = Freezer.Freeze(model, test.Bits, test.Count, head);
        var evaluation = model.Evaluate(test.Bits, test.Labels);
        progress.Line($"frozen netlist equals the model in discrete mode on {test.Count} test samples and 256 random vectors");
        return new FrozenModel(netlist, test, evaluation);
    }

    /// <summary><c>freeze</c> from files: writes the netlist and its partial report (<c>NAME.report.json</c>) beside it.</summary>
    public static Frozen FreezeToFile(FreezeSettings settings, string output, IFlowProgress progress)
    {
        NetlistFiles.CheckOutput(output);
        progress.Stage("freeze");
        var watch = Stopwatch.StartNew();
        var frozen = Freeze(settings, progress);
        NetlistFiles.Save(frozen.Netlist, output);
        frozen.Report.Design = Path.GetFileNameWithoutExtension(output);
        frozen.Report.Timings["freeze"] = watch.Elapsed.TotalSeconds;
        NetlistFiles.SaveSidecar(frozen.Report, output);
        return frozen;
    }
}
