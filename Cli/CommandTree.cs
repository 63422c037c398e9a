using System.CommandLine;
using GateForge.Cli.Commands;

namespace GateForge.Cli;

/// <summary>All verbs of <c>gateforge</c>, in the order of the pipeline.</summary>
internal static class CommandTree
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print the full trace of an error and more detail",
        Recursive = true,
    };

    public static readonly Option<bool> Quiet = new("--quiet", "-q")
    {
        Description = "Print only results and errors, no progress",
        Recursive = true,
    };

    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "GateForge: trains differentiable logic gate networks and turns them into verified hardware.\n" +
            "Pipeline: train -> freeze -> opt -> emit -> verify / synth / report; `demo` and `run` do it all.")
        {
            Verbose,
            Quiet,
            DemoCommand.Create(context),
            RunCommand.Create(context),
            TrainCommand.Create(context),
            FreezeCommand.Create(context),
            OptCommand.Create(context),
            EmitCommand.Create(context),
            SimCommand.Create(context),
            VerifyCommand.Create(context),
            SynthCommand.Create(context),
            ReportCommand.Create(context),
            SweepCommand.Create(context),
            PassesCommand.CreateList(context),
            PassesCommand.CreateHelp(context),
        };
        return root;
    }
}
