using System.Diagnostics;
using GateForge.Emitters;
using GateForge.Flow.Reports;
using GateForge.Flow.Synthesis;
using GateForge.Ir;
using GateForge.Ir.Tools;

namespace GateForge.Flow;

public static partial class DesignFlow
{
    /// <summary>Runs each target's flow on the design folder and puts the figures into the report.</summary>
    public static void Synthesise(string folder, DesignReport report, IReadOnlyList<SynthTarget> targets, SynthLimits limits, IFlowProgress progress)
    {
        progress.Stage("synth " + string.Join(",", targets.Select(SynthTargets.Name)));
        var watch = Stopwatch.StartNew();
        var input = FindSynthInput(folder, report);
        using var scratch = new ScratchFolder("gateforge-synth");
        var records = new List<SynthesisRecord>();
        foreach (var target in targets)
        {
            progress.Cancellation.ThrowIfCancellationRequested();
            SynthesisRecord record;
            using (progress.Heartbeat("synth", SynthTargets.Name(target)))
                record = SynthRunner.Run(target, input, limits, scratch.Path, progress.Cancellation);
            records.Add(record);
            var figures = record.Status == SynthesisStatus.Ok ? $"{Count(record.Luts)} LUTs, {Count(record.Ffs)} FFs, {Count(record.Cells)} cells" : $"{record.Status.Text()}: {record.Detail}";
            progress.Line($"  {SynthTargets.Name(target),-7} {figures}  [{record.Tool}, {record.Seconds:0.0} s]");
        }
        report.Synthesis = [.. report.Synthesis.Where(s => !records.Any(r => r.Target == s.Target)), .. records];
        report.Timings["synth"] = Math.Round(watch.Elapsed.TotalSeconds, 3);
    }

    private static string Count(long? v) => v?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    /// <summary><c>synth</c> on a design folder (or its report.json): the report gets the figures.</summary>
    public static DesignReport SynthesiseFolder(string design, IReadOnlyList<SynthTarget> targets, SynthLimits limits, IFlowProgress progress)
    {
        var reportPath = Inputs.ReportPath(design);
        var folder = Path.GetDirectoryName(reportPath)!;
        var report = ReportJson.Load(reportPath);
        Synthesise(folder, report, targets, limits, progress);
        ReportJson.Save(report, reportPath);
        ReportHtml.Save(report, Path.Combine(folder, ReportHtml.FileName));
        return report;
    }

    /// <summary>
    /// The Verilog top to synthesise: the pipelined one when the design has it (its registers are
    /// what the hardware will have), else the combinational one; and the matching AIGER for ABC.
    /// </summary>
    private static SynthInput FindSynthInput(string folder, DesignReport report)
    {
        if (!DesignManifest.Exists(folder))
            throw new FlowUsageException($"design folder '{folder}' has no {Names.Files.Manifest} (was it written by `gateforge emit`?)");
        var manifest = DesignManifest.Load(folder);
        var comb = manifest.File(DesignFileKind.Verilog)
            ?? throw new FlowUsageException($"design folder '{folder}' has no combinational Verilog top (emit it with Verilog)");
        var aig = Path.Combine(folder, manifest.File(DesignFileKind.AigerBinary) ?? manifest.Design + ".aig");
        var size = report.Netlist?.AndEquivalent ?? NetlistStats.Compute(NetlistFiles.Load(Path.Combine(folder, Names.Files.Netlist))).AndEquivalent;
        return manifest.File(DesignFileKind.PipelinedVerilog) is { } pipe && manifest.PipelinedModule is { } pipeModule
            ? new SynthInput(Path.Combine(folder, pipe), aig, pipeModule, size, report.Netlist?.Latches ?? 0)
            : new SynthInput(Path.Combine(folder, comb), aig, manifest.Module, size, 0);
    }
}

/// <summary>A temporary folder for tool runs, removed afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
