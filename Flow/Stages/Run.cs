using System.Diagnostics;
using GateForge.Flow.Reports;
using GateForge.Flow.Synthesis;
using GateForge.Sim;
using GateForge.Training.Data;

using GateForge.Ir.Tools;

namespace GateForge.Flow;

public static partial class DesignFlow
{
    /// <summary>
    /// The whole pipeline for `run` and `demo`: train → freeze → optimise → emit → verify →
    /// synthesise → report, the stages handing each other the data set, the netlists, the encoded
    /// test set and the model in memory. <paramref name="configSource"/> names the config in
    /// messages (a path, or <c>demo</c>). Returns the finished report, also saved in the design folder.
    /// </summary>
    public static DesignReport Run(PipelineConfig config, string configSource, IFlowProgress progress)
    {
        var output = config.OutputFolder;
        var checkpoint = config.CheckpointFolder;
        var settings = new EmitSettings { PipelineEvery = config.PipelineEvery, Axi = config.Axi, Encoder = config.Encoder, Vectors = config.Vectors };
        settings.Check();
        var outputs = config.HeadOutputs(configSource);
        var targets = config.Synth.Select(SynthTargets.Parse).Distinct().ToList();
        var limits = new SynthLimits(config.SynthYosysMaxGates, config.SynthFastMaxGates, TimeSpan.FromSeconds(config.SynthTimeoutSeconds));

        // 1. train (skip_training: the checkpoint is used as it is, and no train stage is announced)
        var trainWatch = Stopwatch.StartNew();
        DataSplit split;
        if (config.SkipTraining)
        {
            Inputs.RequireFolder(checkpoint, "checkpoint folder");
            split = DataSets.Load(config.Data);
        }
        else
        {
            progress.Stage($"train on {config.Data}");
            split = DataSets.Load(config.Data);
            var model = config.ModelConfig(configSource) ?? ModelConfigs.Load(null, config.Data);
            Train(new TrainSettings { Config = model, Data = config.Data, Checkpoint = checkpoint, Split = split }, progress);
        }
        // Skipped training: freeze records the checkpoint's own training time instead.
        double? trainSeconds = config.SkipTraining ? null : trainWatch.Elapsed.TotalSeconds;

        // 2. freeze (checked bit-exact against the model on the test set)
        progress.Stage("freeze");
        var freezeWatch = Stopwatch.StartNew();
        var frozen = Freeze(new FreezeSettings { Checkpoint = checkpoint, Data = config.Data, Split = split, Outputs = outputs }, progress);
        var report = frozen.Report;
        report.Design = config.Design;
        if (trainSeconds is { } seconds)
            report.Timings["train"] = Math.Round(seconds, 3);
        report.Timings["freeze"] = Math.Round(freezeWatch.Elapsed.TotalSeconds, 3);

        // 3. optimise
        progress.Stage($"opt {config.Opt}");
        var optWatch = Stopwatch.StartNew();
        var optimised = Optimise(frozen.Netlist, new OptimiseSettings { Pipeline = config.Opt }, progress);
        report.Passes = optimised.Records;
        report.Timings["opt"] = Math.Round(optWatch.Elapsed.TotalSeconds, 3);

        // 4. emit (the folder appears whole, with report.json and report.html)
        Emit(optimised.Netlist, frozen.Netlist, report, output, settings, frozen.Model, frozen.Test, progress);

        // 5. verify every artifact against the trained model
        // A check turned off (in the config, or over the simulation budget) is reported by verify as skipped, with why.
        var gates = report.Netlist!.GatesAfter;
        var off = new Dictionary<EquivalenceTool, string>();
        bool Wanted(EquivalenceTool tool, bool wanted, int maxGates = 0)
        {
            if (!wanted)
                off[tool] = $"turned off in the {(configSource == "demo" ? "demo" : "run config")} (verify.{tool.ToString().ToLowerInvariant()}: false)";
            else if (maxGates > 0 && gates > maxGates)
                off[tool] = $"too large for the {(configSource == "demo" ? "demo" : "configured")} budget ({gates:N0} gates > {maxGates:N0}); `gateforge verify {output}` runs it";
            return !off.ContainsKey(tool);
        }
        var verify = new VerifySettings
        {
            RandomVectors = config.Verify.Random,
            HdlVectors = config.Verify.HdlVectors,
            TestVectors = config.Verify.TestVectors,
            C = Wanted(EquivalenceTool.C, config.Verify.C),
            Icarus = Wanted(EquivalenceTool.Icarus, config.Verify.Icarus, config.Verify.IcarusMaxGates),
            Verilator = Wanted(EquivalenceTool.Verilator, config.Verify.Verilator, config.Verify.VerilatorMaxGates),
            Formal = Wanted(EquivalenceTool.Formal, config.Verify.Formal),
            OffReasons = off,
        };
        var equivalence = Verify(output, verify, frozen.Model, frozen.Test, progress);
        Record(report, equivalence);
        SaveReport(report, output);

        // 6. synthesise
        if (targets.Count > 0)
        {
            Synthesise(output, report, targets, limits, progress);
            SaveReport(report, output);
        }
        return report;
    }

    /// <summary>Equivalence checks of the report that failed.</summary>
    public static int FailedChecks(DesignReport report) =>
        report.Equivalence.Count(e => e.Status == CheckStatus.Fail);

    private static void SaveReport(DesignReport report, string folder)
    {
        ReportJson.Save(report, Path.Combine(folder, ReportJson.FileName));
        ReportHtml.Save(report, Path.Combine(folder, ReportHtml.FileName));
    }
}
