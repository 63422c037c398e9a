using System.CommandLine;
using GateForge.Flow;
using GateForge.Sim;

using GateForge.Ir.Tools;

namespace GateForge.Cli.Commands;

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
                OffReasons = new Dictionary<EquivalenceTool, string>
                {
                    [EquivalenceTool.C] = "turned off (--no-c)",
                    [EquivalenceTool.Icarus] = "turned off (--no-icarus)",
                    [EquivalenceTool.Verilator] = "turned off (--no-verilator)",
                    [EquivalenceTool.Formal] = "turned off (--no-formal)",
                },
            };
            return Run(context, parse.GetValue(target)!, settings, parse.GetValue(checkpoint), parse.GetValue(data));
        });
        return command;
    }

    private static int Run(CliContext context, string target, VerifySettings settings, string? checkpoint, string? dataSpec)
    {
        var result = DesignFlow.VerifyFiles(target, settings, checkpoint, dataSpec, context);
        context.Line($"all {result.Count(CheckStatus.Pass)} checks passed ({result.Count(CheckStatus.Skipped)} skipped)");
        return ExitCodes.Ok;
    }
}
