using System.CommandLine;
using GateForge.Flow;
using GateForge.Flow.Reports;
using GateForge.Flow.Synthesis;
using GateForge.Ir.Tools;

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
        var report = DesignFlow.SynthesiseFolder(design, targets, limits, context);
        // A flow that failed or ran out of time gave no figures: that is not a success.
        var failed = report.Synthesis.Where(s => s.Status is SynthesisStatus.Error or SynthesisStatus.Timeout
            && targets.Any(t => SynthTargets.Name(t) == s.Target)).ToList();
        if (failed.Count == 0)
            return ExitCodes.Ok;
        context.Err.WriteLine("gateforge: " + string.Join("; ", failed.Select(s => s.Status == SynthesisStatus.Timeout
            ? $"synthesis for {s.Target} {s.Detail} (--timeout {limits.Timeout.TotalSeconds:0}); no figures"
            : $"synthesis for {s.Target} failed: {s.Detail}")));
        return ExitCodes.VerificationFailed;
    }
}
