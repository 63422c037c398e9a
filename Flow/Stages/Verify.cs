using System.Diagnostics;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.Sim;
using GateForge.Training.Data;
using GateForge.Training.Models;

using GateForge.Ir.Tools;

namespace GateForge.Flow;

/// <summary>Which equivalence checks to run and on how many vectors (the options of `verify`, also used by `demo` and `run`).</summary>
public sealed record VerifySettings
{
    public int RandomVectors { get; init; } = 2000;
    public int HdlVectors { get; init; } = 1000;
    public bool C { get; init; } = true;
    public bool Icarus { get; init; } = true;
    public bool Verilator { get; init; } = true;
    public bool Formal { get; init; } = true;
    /// <summary>Test samples used as given vectors (0: all of the test set).</summary>
    public int TestVectors { get; init; }
    /// <summary>Why a check kind turned off above is off (its checks are reported as skipped with this reason).</summary>
    public IReadOnlyDictionary<EquivalenceTool, string> OffReasons { get; init; } = new Dictionary<EquivalenceTool, string>();

    /// <summary>What the harness will run, for the progress line: only the kinds that are on.</summary>
    public string Running()
    {
        var kinds = new List<string> { "netlists" };
        if (C)
            kinds.Add("C");
        if (Icarus)
            kinds.Add("Icarus");
        if (Verilator)
            kinds.Add("Verilator");
        if (Formal)
            kinds.Add("ABC cec, dsec");
        return $"simulating{(Formal ? " and proving" : "")} ({string.Join(", ", kinds)})";
    }
}

public static partial class DesignFlow
{
    /// <summary>
    /// Every artifact of <paramref name="target"/> (a design folder or a netlist file) against the
    /// trained model in discrete mode (or the unoptimised netlist when <paramref name="model"/> is
    /// null), on the encoded test set and random vectors; one line per check.
    /// </summary>
    public static EquivalenceReport Verify(string target, VerifySettings settings, TrainedModel? model, EncodedTestSet? test, IFlowProgress progress)
    {
        Inputs.RequirePositive(settings.HdlVectors, "--hdl-vectors");
        if (settings.RandomVectors < 0)
            throw new FlowUsageException($"--random must not be negative, got {settings.RandomVectors}");
        progress.Stage($"verify {target}");
        var watch = Stopwatch.StartNew();
        PackedBits? vectors = model is not null && test is not null ? test.Packed(settings.TestVectors) : null;
        var options = new EquivalenceOptions
        {
            RandomVectors = settings.RandomVectors,
            HdlVectors = settings.HdlVectors,
            CheckC = settings.C,
            CheckIcarus = settings.Icarus,
            CheckVerilator = settings.Verilator,
            CheckFormal = settings.Formal,
            OffReasons = settings.OffReasons,
            Reference = model?.AsEvaluator(),
            Vectors = vectors,
        };
        EquivalenceReport result;
        using (progress.Heartbeat("verify", settings.Running()))
            result = EquivalenceHarness.Verify(target, options, progress.Cancellation);
        foreach (var check in result.Checks)
            progress.Line("  " + check);
        progress.Line($"verified in {Durations.Seconds(watch.Elapsed)}: {result.Count(CheckStatus.Pass)} pass, {result.Count(CheckStatus.Fail)} fail, {result.Count(CheckStatus.Skipped)} skipped"
            + (model is null ? " (no trained model known: the golden reference is the unoptimised netlist)" : ""));
        return result;
    }

    /// <summary>
    /// <c>verify</c> from files: the model and data set default to those the design's report names;
    /// the report gets the results. Throws <see cref="VerificationFailedException"/> when a check fails.
    /// </summary>
    public static EquivalenceReport VerifyFiles(string target, VerifySettings settings, string? checkpoint, string? dataSpec, IFlowProgress progress)
    {
        var folder = Directory.Exists(target) ? Path.GetFullPath(target) : null;
        if (folder is null)
            NetlistFiles.Load(target); // refuses a missing or wrong-type file with one line before any work
        else if (File.Exists(Path.Combine(folder, NetlistFiles.DesignNetlist)) && IsSequentialDesign(NetlistFiles.Load(Path.Combine(folder, NetlistFiles.DesignNetlist))))
            return VerifyRecurrent(folder, settings, progress);
        // A design folder's report.json, or the partial report `freeze`/`opt` wrote beside a netlist file.
        var reportPath = folder is null ? NetlistFiles.SidecarOf(target) : Path.Combine(folder, ReportJson.FileName);
        var report = File.Exists(reportPath) ? ReportJson.Load(reportPath) : null;
        checkpoint ??= report?.Source?.Checkpoint is { } ck && Directory.Exists(ck) ? ck : null;
        if (folder is null && checkpoint is null)
            throw new FlowUsageException($"'{target}' alone has nothing to be checked against: no checkpoint is known (no {Path.GetFileName(reportPath)} beside it names one); pass --checkpoint, or verify the design folder");
        var model = checkpoint is null ? null : TrainedModel.Load(Inputs.RequireFolder(checkpoint, "checkpoint folder"));
        var data = model is null ? null
            : dataSpec is not null ? DataSets.Load(dataSpec)
            : report?.Model?.Dataset is { Length: > 0 } spec ? DataSets.LoadRecorded(spec, $"the report of '{target}'")
            : null;
        var test = data is null ? null : EncodedTestSet.Of(model!, data.Test);
        var result = Verify(target, settings, model, test, progress);
        if (report is not null && folder is not null)
        {
            Record(report, result);
            ReportJson.Save(report, reportPath!);
            ReportHtml.Save(report, Path.Combine(folder!, ReportHtml.FileName));
        }
        if (!result.Passed)
            throw new VerificationFailedException($"{result.Count(CheckStatus.Fail)} of {result.Checks.Count} equivalence checks failed");
        return result;
    }

    /// <summary>Puts the checks into the report's equivalence section.</summary>
    public static void Record(DesignReport report, EquivalenceReport result)
    {
        report.Equivalence = [.. result.Checks.Select(c => new EquivalenceRecord(c.Name, c.Status,
            c.FirstMismatch is { } m ? $"{c.Detail}; first mismatch {m}" : c.Detail))];
        // wall clock: a folder's checks run in parallel (the demo's 10 took 75 s, 132 s summed)
        report.Timings["verify"] = Math.Round(result.Elapsed > TimeSpan.Zero ? result.Elapsed.TotalSeconds : result.Checks.Sum(c => c.Elapsed.TotalSeconds), 3);
    }
}
