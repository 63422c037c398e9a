using System.Diagnostics;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.Ir.Passes;

namespace GateForge.Flow;

/// <summary>How to optimise: a level (-O0..-O3) or a pipeline string, and where to dump.</summary>
public sealed record OptimiseSettings
{
    public required string Pipeline { get; init; }
    /// <summary>Dump the netlist as text after these passes (<c>*</c>: every pass).</summary>
    public IReadOnlyCollection<string> DumpAfter { get; init; } = [];
    /// <summary>Folder for the dumps (null: print them on the pass log).</summary>
    public string? DumpDir { get; init; }
    /// <summary>Scratch folder for passes that run external tools (null: a temporary one).</summary>
    public string? WorkDir { get; init; }
}

/// <summary>The optimised netlist and one record per pass run.</summary>
public sealed record Optimised(Netlist Netlist, List<PassRecord> Records);

public static partial class DesignFlow
{
    /// <summary>Runs the pipeline with the pass log on <see cref="IFlowProgress.PassLog"/>.</summary>
    public static Optimised Optimise(Netlist source, OptimiseSettings settings, IFlowProgress progress)
    {
        List<PipelineStep> steps;
        try
        {
            steps = [.. PipelineParser.Parse(settings.Pipeline)];
        }
        catch (ArgumentException e)
        {
            throw new FlowUsageException($"bad pass pipeline \"{settings.Pipeline}\": {e.Message}", e);
        }
        CheckDumpAfter(settings.DumpAfter);
        // Dumps to print while the pass log is silenced (-q) go through a scratch folder and are printed after the run.
        var quietDumps = settings.DumpAfter.Count > 0 && settings.DumpDir is null && !ReferenceEquals(progress.DumpLog, progress.PassLog);
        var dumpDir = quietDumps ? Directory.CreateTempSubdirectory("gateforge-dumps-").FullName : settings.DumpDir;
        try
        {
            var manager = new PassManager(new PassContext(progress.PassLog, progress.Cancellation) { WorkDirectory = settings.WorkDir })
            {
                DumpAfter = new HashSet<string>(settings.DumpAfter, StringComparer.Ordinal),
                DumpDirectory = dumpDir,
            };
            var result = manager.Run(source, steps);
            if (quietDumps)
                // "NN-pass.txt", printed in the order the passes ran
                foreach (var (dump, name) in Directory.GetFiles(dumpDir!, "*.txt")
                    .Select(f => (File: f, Name: Path.GetFileNameWithoutExtension(f)))
                    .OrderBy(f => int.Parse(f.Name[..f.Name.IndexOf('-', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)))
                {
                    progress.DumpLog.WriteLine($"--- dump after {name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..]}");
                    progress.DumpLog.Write(File.ReadAllText(dump));
                }
            return new Optimised(result.Final, [.. result.Records]);
        }
        finally
        {
            if (quietDumps)
                Directory.Delete(dumpDir!, recursive: true);
        }
    }

    /// <summary>Every <c>--dump-after</c> name is a pass (or <c>*</c>): a typo would otherwise dump nothing, silently.</summary>
    private static void CheckDumpAfter(IReadOnlyCollection<string> names)
    {
        foreach (var name in names)
            if (name != "*" && PassRegistry.Find(name) is null)
                throw new FlowUsageException(
                    $"--dump-after {name}: no such pass (passes: {string.Join(", ", PassRegistry.All.Select(p => p.Name))}, or * for every pass)");
    }

    /// <summary><c>opt</c> from files: the netlist's partial report travels to the output's.</summary>
    public static DesignReport OptimiseFile(string inputPath, string outputPath, OptimiseSettings settings, IFlowProgress progress)
    {
        NetlistFiles.CheckOutput(outputPath);
        CheckDumpAfter(settings.DumpAfter);
        var source = NetlistFiles.Load(inputPath);
        var report = NetlistFiles.LoadSidecar(NetlistFiles.Resolve(inputPath), Path.GetFileNameWithoutExtension(outputPath));
        progress.Stage($"opt {settings.Pipeline}");
        var watch = Stopwatch.StartNew();
        var optimised = Optimise(source, settings, progress);
        NetlistFiles.Save(optimised.Netlist, outputPath);
        report.Passes = optimised.Records;
        report.Netlist = NetlistFiles.Section(optimised.Netlist, report.Netlist?.GatesBefore ?? source.GateCount);
        report.Source ??= new SourceSection();
        report.Source.OriginalNetlist ??= NetlistFiles.Resolve(inputPath);
        report.Timings["opt"] = watch.Elapsed.TotalSeconds;
        NetlistFiles.SaveSidecar(report, outputPath);
        return report;
    }
}
