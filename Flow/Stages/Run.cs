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

        // 1. train
        progress.Stage($"train on {config.Data}");
        var trainWatch = Stopwatch.StartNew();
        DataSplit split;
        if (config.SkipTraining)
        {
            Inputs.RequireFolder(checkpoint, "checkpoint folder");
            split = DataSets.Load(config.Data);
        }
        else
        {
            split = DataSets.Load(config.Data);
            var model = config.ModelConfig(configSource) ?? ModelConfigs.Load(null, config.Data);
            Train(new TrainSettings { Config = model, Data = config.Data, Checkpoint = checkpoint, Split = split }, progress);
        }
        var trainSeconds = trainWatch.Elapsed.TotalSeconds;

        // 2. freeze (checked bit-exact against the model on the test set)
        progress.Stage("freeze");
        var freezeWatch = Stopwatch.StartNew();
        var frozen = Freeze(new FreezeSettings { Checkpoint = checkpoint, Data = config.Data, Split = split, Outputs = outputs }, progress);
        var report = frozen.Report;
        report.Design = config.Design;
        report.Timings["train"] = Math.Round(trainSeconds, 3);
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
        var gates = report.Netlist!.GatesAfter;
        var budgetSkips = new List<EquivalenceRecord>();
        bool WithinBudget(bool wanted, int maxGates, string simulator)
        {
            if (!wanted || maxGates <= 0 || gates <= maxGates)
                return wanted;
            var why = $"skipped: too large for the {(configSource == "demo" ? "demo" : "configured")} budget ({gates:N0} gates > {maxGates:N0}); `gateforge verify {output}` runs it";
            budgetSkips.Add(new EquivalenceRecord($"Verilog in {simulator}", CheckStatus.Skipped, why));
            progress.Line($"  SKIPPED {simulator}: {why}");
            return false;
        }
        var verify = new VerifySettings
        {
            RandomVectors = config.Verify.Random,
            HdlVectors = config.Verify.HdlVectors,
            TestVectors = config.Verify.TestVectors,
            C = config.Verify.C,
            Icarus = WithinBudget(config.Verify.Icarus, config.Verify.IcarusMaxGates, "Icarus Verilog"),
            Verilator = WithinBudget(config.Verify.Verilator, config.Verify.VerilatorMaxGates, "Verilator"),
            Formal = config.Verify.Formal,
        };
        var equivalence = Verify(output, verify, frozen.Model, frozen.Test, progress);
        Record(report, equivalence);
        report.Equivalence.AddRange(budgetSkips);
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
