using System.CommandLine;
using GateForge.Cli.Reports;
using GateForge.Cli.Synthesis;
using GateForge.Ir;

namespace GateForge.Cli.Commands;

/// <summary>
/// <c>gateforge synth DESIGN --target lut6,xilinx,ice40</c>: LUT, flip-flop and cell counts into
/// report.json. Large designs are mapped with ABC on the AIGER to stay within budget; the report
/// names the tool behind each figure.
/// </summary>
internal static class SynthCommand
{
    public static Command Create(CliContext context)
    {
        var design = new Argument<string>("design") { Description = "Design folder written by `gateforge emit`" };
        var targets = new Option<string[]>("--target", "-t")
        {
            Description = $"Targets: {string.Join(", ", SynthTargets.Names)} (default: all)",
            AllowMultipleArgumentsPerToken = true,
        };
        var full = new Option<int>("--yosys-max-gates") { Description = "Largest design (AND-equivalents) for the full Yosys flows", DefaultValueFactory = _ => (int)SynthLimits.Default.FullYosysMaxGates };
        var fast = new Option<int>("--fast-max-gates") { Description = "Largest design for Yosys's fast LUT6 flow; ABC `if` maps bigger ones", DefaultValueFactory = _ => (int)SynthLimits.Default.FastYosysMaxGates };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per flow", DefaultValueFactory = _ => (int)SynthLimits.Default.Timeout.TotalSeconds };
        var command = new Command("synth", "Synthesise a design with Yosys (or ABC for big designs): LUTs, FFs, cells") { design, targets, full, fast, timeout };
        command.SetAction(parse =>
        {
            var names = (parse.GetValue(targets) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToList();
            var chosen = (names.Count == 0 ? SynthTargets.Names.ToList() : names).Select(SynthTargets.Parse).Distinct().ToList();
            Inputs.RequirePositive(parse.GetValue(timeout), "--timeout");
            var limits = new SynthLimits(parse.GetValue(full), parse.GetValue(fast), TimeSpan.FromSeconds(parse.GetValue(timeout)));
            return Run(context, parse.GetValue(design)!, chosen, limits);
        });
        return command;
    }

    private static int Run(CliContext context, string design, IReadOnlyList<SynthTarget> targets, SynthLimits limits)
    {
        var reportPath = Inputs.ReportPath(design);
        var folder = Path.GetDirectoryName(reportPath)!;
        var report = ReportJson.Load(reportPath);
        Synthesise(context, folder, report, targets, limits);
        ReportJson.Save(report, reportPath);
        ReportHtml.Save(report, Path.Combine(folder, ReportHtml.FileName));
        return report.Synthesis.Any(s => s.Status is "error") ? ExitCodes.VerificationFailed : ExitCodes.Ok;
    }

    /// <summary>Runs each target's flow on the design folder and puts the figures into the report.</summary>
    public static void Synthesise(CliContext context, string folder, DesignReport report, IReadOnlyList<SynthTarget> targets, SynthLimits limits)
    {
        var stage = context.Stage("synth " + string.Join(",", targets.Select(SynthTargets.Name)));
        var input = FindInput(folder, report);
        using var scratch = new ScratchFolder("gateforge-synth");
        var records = new List<SynthesisRecord>();
        foreach (var target in targets)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            SynthesisRecord record;
            using (context.Heartbeat("synth", SynthTargets.Name(target)))
                record = SynthRunner.Run(target, input, limits, scratch.Path, context.Cancellation);
            records.Add(record);
            var figures = record.Status == "ok" ? $"{record.Luts} LUTs, {record.Ffs} FFs, {record.Cells} cells" : $"{record.Status}: {record.Detail}";
            context.Line($"  {SynthTargets.Name(target),-7} {figures}  [{record.Tool}, {record.Seconds:0.0} s]");
        }
        report.Synthesis = [.. report.Synthesis.Where(s => !records.Any(r => r.Target == s.Target)), .. records];
        report.Timings["synth"] = Math.Round(stage.Elapsed.TotalSeconds, 3);
    }

    /// <summary>
    /// The Verilog top to synthesise: the pipelined one when the design has it (its registers are
    /// what the hardware will have), else the combinational one; and the matching AIGER for ABC.
    /// </summary>
    private static SynthInput FindInput(string folder, DesignReport report)
    {
        var id = Inputs.Identifier(report.Design);
        var comb = Path.Combine(folder, id + ".v");
        if (!File.Exists(comb))
            throw new UsageException($"design folder '{folder}' has no {id}.v (was it written by `gateforge emit`?)");
        var pipe = Path.Combine(folder, id + "_pipe.v");
        var aig = Path.Combine(folder, id + ".aig");
        var netlistPath = Path.Combine(folder, NetlistFiles.DesignNetlist);
        var size = report.Netlist?.AndEquivalent ?? NetlistStats.Compute(NetlistFiles.Load(netlistPath)).AndEquivalent;
        return File.Exists(pipe)
            ? new SynthInput(pipe, aig, id + "_pipe", size, report.Netlist?.Latches ?? 0)
            : new SynthInput(comb, aig, id, size, 0);
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
