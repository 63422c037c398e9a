using GateForge.Cli.Reports;
using GateForge.Cli.Synthesis;
using GateForge.Sim;
using GateForge.Training.Data;

namespace GateForge.Cli.Commands;

/// <summary>
/// The whole pipeline for `run` and `demo`: train → freeze → optimise → emit → verify → synthesise
/// → report, each step the same code as its verb. Returns the finished report.
/// </summary>
internal static class PipelineRunner
{
    public static DesignReport Run(CliContext context, PipelineConfig config, string configSource)
    {
        var output = config.Output ?? Path.Combine("hw-out", config.Design);
        var checkpoint = config.Checkpoint ?? Path.Combine("checkpoints", config.Design);
        var settings = new EmitSettings { PipelineEvery = config.PipelineEvery, Axi = config.Axi, Encoder = config.Encoder, Vectors = config.Vectors };
        EmitCommand.Check(settings);
        var targets = config.Synth.Select(SynthTargets.Parse).Distinct().ToList();
        var limits = new SynthLimits(config.SynthYosysMaxGates, config.SynthFastMaxGates, TimeSpan.FromSeconds(config.SynthTimeoutSeconds));

        // 1. train
        var trainStage = context.Stage($"train on {config.Data}");
        DataSplit split;
        if (config.SkipTraining)
        {
            Inputs.RequireFolder(checkpoint, "checkpoint folder");
            split = DataSets.Load(config.Data);
        }
        else
        {
            split = DataSets.Load(config.Data);
            var model = ConfigOverrides.FitToData(config.ModelConfig(configSource) ?? ConfigOverrides.LoadConfig(null, config.Data), split);
            var trained = TrainCommand.Train(context, model, split, config.Data, checkpoint, resume: false, device: "cpu");
            if (trained.Cancelled)
                throw new OperationCanceledException();
        }
        var trainSeconds = trainStage.Elapsed.TotalSeconds;

        // 2. freeze (checked bit-exact against the model on the test set)
        var freezeStage = context.Stage("freeze");
        var frozen = FreezeCommand.Freeze(context, checkpoint, config.Data);
        var report = frozen.Report;
        report.Design = config.Design;
        report.Timings["train"] = Math.Round(trainSeconds, 3);
        report.Timings["freeze"] = Math.Round(freezeStage.Elapsed.TotalSeconds, 3);

        // 3. optimise
        var optStage = context.Stage($"opt {config.Opt}");
        var (optimised, records) = OptCommand.Optimise(context, frozen.Netlist, config.Opt);
        report.Passes = records;
        report.Timings["opt"] = Math.Round(optStage.Elapsed.TotalSeconds, 3);

        // 4. emit (the folder appears whole, with report.json and report.html)
        EmitCommand.Emit(context, optimised, frozen.Netlist, report, output, settings, frozen.Model, split);

        // 5. verify every artifact against the trained model
        var gates = report.Netlist!.GatesAfter;
        var budgetSkips = new List<EquivalenceRecord>();
        bool WithinBudget(bool wanted, int maxGates, string simulator)
        {
            if (!wanted || maxGates <= 0 || gates <= maxGates)
                return wanted;
            var why = $"skipped: too large for the {(configSource == "demo" ? "demo" : "configured")} budget ({gates:N0} gates > {maxGates:N0}); `gateforge verify {output}` runs it";
            budgetSkips.Add(new EquivalenceRecord($"Verilog in {simulator}", "skipped", why));
            context.Line($"  SKIPPED {simulator}: {why}");
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
        var equivalence = VerifyCommand.Verify(context, output, verify, frozen.Model, split);
        VerifyCommand.Record(report, equivalence);
        report.Equivalence.AddRange(budgetSkips);
        SaveReport(report, output);

        // 6. synthesise
        if (targets.Count > 0)
        {
            SynthCommand.Synthesise(context, output, report, targets, limits);
            SaveReport(report, output);
        }
        return report;
    }

    public static int Finish(CliContext context, DesignReport report, string folder)
    {
        SummaryPrinter.Print(context.Out, report);
        context.Line($"  design folder   {folder}");
        context.Line($"  report          {Path.Combine(folder, ReportHtml.FileName)}");
        var failed = report.Equivalence.Count(e => e.Status == nameof(CheckStatus.Fail).ToLowerInvariant());
        if (failed > 0)
            throw new VerificationFailedException($"{failed} equivalence checks failed (see {Path.Combine(folder, ReportJson.FileName)})");
        return ExitCodes.Ok;
    }

    private static void SaveReport(DesignReport report, string folder)
    {
        ReportJson.Save(report, Path.Combine(folder, ReportJson.FileName));
        ReportHtml.Save(report, Path.Combine(folder, ReportHtml.FileName));
    }
}
