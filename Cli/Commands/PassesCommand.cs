using System.CommandLine;
using GateForge.Ir.Passes;

using GateForge.Flow;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge passes</c> and <c>gateforge help &lt;pass&gt;</c>: the passes' own names, summaries and help texts.</summary>
internal static class PassesCommand
{
    public static Command CreateList(CliContext context)
    {
        var command = new Command("passes", "List the optimisation passes and levels");
        command.SetAction(_ =>
        {
            PrintList(context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void PrintList(CliContext context)
    {
        foreach (var pass in PassRegistry.All)
            context.Line($"  {pass.Name,-12} {pass.Summary}");
        context.Line("");
        context.Line("Levels (usable wherever a pass is):");
        foreach (var level in OptimisationLevels.Names)
        {
            var pipeline = OptimisationLevels.Pipeline(level);
            context.Line($"  {level,-12} {(pipeline.Length == 0 ? "(nothing)" : pipeline)}");
        }
        context.Line("");
        context.Line("Pipelines: `gateforge opt in.json -o out.json --passes \"const-fold,dce,fixpoint(balance,dce)\"`;");
        context.Line("`gateforge help <pass>` explains one pass and its options.");
    }

    public static Command CreateHelp(CliContext context)
    {
        var name = new Argument<string?>("pass") { Description = "A pass name (see `gateforge passes`)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Explain one optimisation pass") { name };
        command.SetAction(parse =>
        {
            var passName = parse.GetValue(name);
            if (passName is null)
            {
                context.Line("`gateforge --help` lists the commands; `gateforge <command> --help` explains one.");
                context.Line("Optimisation passes (`gateforge help <pass>` explains one):");
                PrintList(context);
                return ExitCodes.Ok;
            }
            var pass = PassRegistry.Find(passName)
                ?? throw new FlowUsageException($"unknown pass '{passName}' (known: {string.Join(", ", PassRegistry.All.Select(p => p.Name))})");
            context.Line($"{pass.Name}: {pass.Summary}");
            context.Line("");
            context.Line(pass.Help.TrimEnd());
            return ExitCodes.Ok;
        });
        return command;
    }
}
