using System.CommandLine;
using GateForge.Cli.Reports;
using GateForge.Ir;
using GateForge.Sim;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Cli.Commands;

/// <summary>Which equivalence checks to run and on how many vectors (the options of `verify`, also used by `demo` and `run`).</summary>
internal sealed record VerifySettings
{
    public int RandomVectors { get; init; } = 2000;
    public int HdlVectors { get; init; } = 1000;
    public bool C { get; init; } = true;
    public bool Icarus { get; init; } = true;
    public bool Verilator { get; init; } = true;
    public bool Formal { get; init; } = true;
    /// <summary>Test samples used as given vectors (0: all of the test set).</summary>
    public int TestVectors { get; init; }
}

/// <summary>
/// <c>gateforge verify DESIGN</c>: every artifact against the trained model in discrete mode (or the
/// unoptimised netlist), by simulation and formally. Exit 1 when a check fails.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var target = new Argument<string>("design") { Description = "Design folder (hw-out/<design>) or a netlist file" };
        var random = new Option<int>("--random") { Description = "Random vectors added to the test set", DefaultValueFactory = _ => 2000 };
        var hdl = new Option<int>("--hdl-vectors") { Description = "Vectors run in Icarus and Verilator (they are slow on big designs)", DefaultValueFactory = _ => 1000 };
        var noC = new Option<bool>("--no-c") { Description = "Skip the C check" };
        var noIcarus = new Option<bool>("--no-icarus") { Description = "Skip Icarus Verilog" };
        var noVerilator = new Option<bool>("--no-verilator") { Description = "Skip Verilator" };
        var noFormal = new Option<bool>("--no-formal") { Description = "Skip the ABC cec checks" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint of the trained model to compare with (default: the one the report names)" };
        var data = new Option<string?>("--data", "-d") { Description = "Data set whose test samples are the vectors (default: the model's)" };
        var command = new Command("verify", "Check every artifact of a design against the trained model (exit 1 on a mismatch)")
        {
            target, random, hdl, noC, noIcarus, noVerilator, noFormal, checkpoint, data,
        };
        command.SetAction(parse =>
        {
            var settings = new VerifySettings
            {
                RandomVectors = parse.GetValue(random),
                HdlVectors = parse.GetValue(hdl),
                C = !parse.GetValue(noC),
                Icarus = !parse.GetValue(noIcarus),
                Verilator = !parse.GetValue(noVerilator),
                Formal = !parse.GetValue(noFormal),
            };
            return Run(context, parse.GetValue(target)!, settings, parse.GetValue(checkpoint), parse.GetValue(data));
        });
        return command;
    }

    private static int Run(CliContext context, string target, VerifySettings settings, string? checkpoint, string? dataSpec)
    {
        var folder = Directory.Exists(target) ? Path.GetFullPath(target) : null;
        if (folder is null)
            NetlistFiles.Load(target); // refuses a missing or wrong-type file with one line before any work
        var reportPath = folder is null ? null : Path.Combine(folder, ReportJson.FileName);
        var report = reportPath is not null && File.Exists(reportPath) ? ReportJson.Load(reportPath) : null;
        checkpoint ??= report?.Source?.Checkpoint is { } ck && Directory.Exists(ck) ? ck : null;
        var model = checkpoint is null ? null : TrainedModel.Load(Inputs.RequireFolder(checkpoint, "checkpoint folder"));
        dataSpec ??= report?.Model?.Dataset;
        var data = model is not null && !string.IsNullOrEmpty(dataSpec) ? DataSets.Load(dataSpec) : null;
        var result = Verify(context, target, settings, model, data);
        if (report is not null)
        {
            Record(report, result);
            ReportJson.Save(report, reportPath!);
            ReportHtml.Save(report, Path.Combine(folder!, ReportHtml.FileName));
        }
        if (!result.Passed)
            throw new VerificationFailedException($"{result.Count(CheckStatus.Fail)} of {result.Checks.Count} equivalence checks failed");
        context.Line($"all {result.Count(CheckStatus.Pass)} checks passed ({result.Count(CheckStatus.Skipped)} skipped)");
        return ExitCodes.Ok;
    }

    /// <summary>Runs the harness and prints one line per check.</summary>
    public static EquivalenceReport Verify(CliContext context, string target, VerifySettings settings, TrainedModel? model, DataSplit? data)
    {
        Inputs.RequirePositive(settings.HdlVectors, "--hdl-vectors");
        if (settings.RandomVectors < 0)
            throw new UsageException($"--random must not be negative, got {settings.RandomVectors}");
        var stage = context.Stage($"verify {target}");
        PackedBits? vectors = null;
        if (model is not null && data is not null)
        {
            var test = settings.TestVectors > 0 ? data.Test.Take(Math.Min(settings.TestVectors, data.Test.Count)) : data.Test;
            vectors = DiscreteNetwork.Pack(model.Encode(test), test.Count, model.InputBits);
        }
        var options = new EquivalenceOptions
        {
            RandomVectors = settings.RandomVectors,
            HdlVectors = settings.HdlVectors,
            CheckC = settings.C,
            CheckIcarus = settings.Icarus,
            CheckVerilator = settings.Verilator,
            CheckFormal = settings.Formal,
            Reference = model?.AsEvaluator(),
            Vectors = vectors,
        };
        EquivalenceReport result;
        using (context.Heartbeat("verify", "simulating and proving (netlists, C, Icarus, Verilator, ABC cec)"))
            result = EquivalenceHarness.Verify(target, options, context.Cancellation);
        foreach (var check in result.Checks)
            context.Line("  " + check);
        context.Line($"verified in {CliContext.Seconds(stage.Elapsed)}: {result.Count(CheckStatus.Pass)} pass, {result.Count(CheckStatus.Fail)} fail, {result.Count(CheckStatus.Skipped)} skipped"
            + (model is null ? " (no trained model known: the golden reference is the unoptimised netlist)" : ""));
        return result;
    }

    public static void Record(DesignReport report, EquivalenceReport result)
    {
        report.Equivalence = [.. result.Checks.Select(c => new EquivalenceRecord(c.Name, c.Status.ToString().ToLowerInvariant(),
            c.FirstMismatch is { } m ? $"{c.Detail}; first mismatch {m}" : c.Detail))];
        report.Timings["verify"] = Math.Round(result.Checks.Sum(c => c.Elapsed.TotalSeconds), 3);
    }
}
