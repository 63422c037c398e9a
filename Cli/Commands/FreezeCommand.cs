using System.CommandLine;
using GateForge.Flow;
using GateForge.Ir;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge freeze CHECKPOINT -o netlist.json</c>: the trained model as a gate-level netlist, checked bit-exact.</summary>
internal static class FreezeCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "Checkpoint folder written by `gateforge train`" };
        var output = new Option<string>("--output", "-o") { Description = "Netlist to write (.json, .aag or .aig)", Required = true };
        var data = new Option<string?>("--data", "-d") { Description = "Data set whose test samples check the netlist (default: the one it was trained on)" };
        var outputs = OutputsOption.Create();
        var command = new Command("freeze", "Turn a trained checkpoint into a gate-level netlist (checked against the model)") { checkpoint, output, data, outputs };
        command.SetAction(parse => Run(context, parse.GetValue(checkpoint)!, parse.GetValue(output)!, parse.GetValue(data), OutputsOption.Parse(parse.GetValue(outputs))));
        return command;
    }

    private static int Run(CliContext context, string checkpointDir, string output, string? dataSpec, HeadOutputs outputs)
    {
        if (DesignFlow.IsRecurrentCheckpoint(checkpointDir))
        {
            if (outputs != HeadOutputs.ScoresAndClassId)
                throw new FlowUsageException("--outputs class_id is for feed-forward models; a recurrent design keeps its scores and class_id");
            DesignFlow.FreezeRecurrentToFile(checkpointDir, dataSpec, output, context);
            return ExitCodes.Ok;
        }
        var frozen = DesignFlow.FreezeToFile(new FreezeSettings { Checkpoint = checkpointDir, Data = dataSpec, Outputs = outputs }, output, context);
        context.Line($"{frozen.Report.Netlist!.GatesAfter} gates, depth {frozen.Report.Netlist.Depth}; wrote {output}");
        return ExitCodes.Ok;
    }
}
