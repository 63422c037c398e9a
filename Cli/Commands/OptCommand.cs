using System.CommandLine;
using GateForge.Flow;
using GateForge.Ir.Passes;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge opt IN -o OUT</c>: runs an optimisation level or a pass pipeline over a netlist.</summary>
internal static class OptCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("netlist") { Description = "Netlist to optimise (.json, .aag, .aig or a design folder)" };
        var output = new Option<string>("--output", "-o") { Description = "Optimised netlist (.json, .aag or .aig)", Required = true };
        var levels = OptLevelOptions.Create();
        var passes = new Option<string?>("--passes", "-p") { Description = "A pipeline string instead of a level, e.g. \"const-fold,dce,fixpoint(balance,dce)\"" };
        var dumpAfter = new Option<string[]>("--dump-after") { Description = "Dump the netlist as text after these passes ('*' = every pass)", AllowMultipleArgumentsPerToken = true };
        var dumpDir = new Option<string?>("--dump-dir") { Description = "Folder for the dumps (default: print them)" };
        var command = new Command("opt", "Optimise a netlist (-O0..-O3 or --passes)") { input, output, passes, dumpAfter, dumpDir };
        foreach (var o in levels)
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            var pipeline = parse.GetValue(passes) ?? OptLevelOptions.Selected(parse, levels);
            return Run(context, parse.GetValue(input)!, parse.GetValue(output)!, pipeline,
                parse.GetValue(dumpAfter) ?? [], parse.GetValue(dumpDir));
        });
        return command;
    }

    private static int Run(CliContext context, string inputPath, string outputPath, string pipeline, string[] dumpAfter, string? dumpDir)
    {
        var report = DesignFlow.OptimiseFile(inputPath, outputPath, new OptimiseSettings { Pipeline = pipeline, DumpAfter = dumpAfter, DumpDir = dumpDir }, context);
        context.Line($"gates {report.Netlist!.GatesBefore} -> {report.Netlist.GatesAfter}, depth {report.Netlist.Depth}; wrote {outputPath}");
        return ExitCodes.Ok;
    }
}

/// <summary>The -O0 .. -O3 flags, as on a compiler command line (default -O2).</summary>
internal static class OptLevelOptions
{
    public const string Default = "-O2";

    public static Option<bool>[] Create() =>
        [.. OptimisationLevels.Names.Select(n => new Option<bool>(n) { Description = $"Optimisation level {n}: {Describe(n)}" })];

    public static string Selected(ParseResult parse, Option<bool>[] levels)
    {
        var chosen = levels.Where(o => parse.GetValue(o)).Select(o => o.Name).ToList();
        if (chosen.Count > 1)
            throw new FlowUsageException($"give one optimisation level, not {string.Join(" and ", chosen)}");
        return chosen.Count == 1 ? chosen[0] : Default;
    }

    private static string Describe(string level) => OptimisationLevels.Pipeline(level) is { Length: > 0 } p ? p : "none";
}
