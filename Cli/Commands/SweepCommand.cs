using System.CommandLine;
using GateForge.Flow;
using GateForge.Flow.Sweeps;

namespace GateForge.Cli.Commands;

/// <summary>
/// <c>gateforge sweep CONFIG [-o FOLDER]</c>: trains, freezes, optimises and LUT-maps a grid of
/// models and writes the accuracy-vs-LUT6 table and page (the work is <see cref="DesignFlow.Sweep"/>).
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Sweep config JSON (data, model, grid, budget; see README, e.g. configs/sweep-tiny.json)" };
        var output = new Option<string?>("--output", "-o") { Description = "Sweep folder (default: the config's output, else sweeps/<config name>); a rerun into it reuses finished points" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var command = new Command("sweep", "Train a grid of models; table and page of accuracy against LUT6 and latency, with the Pareto front")
        {
            config, output, device,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            var sweep = SweepConfig.Load(path);
            var folder = parse.GetValue(output) ?? sweep.Output ?? DesignFlow.DefaultSweepFolder(path);
            DesignFlow.Sweep(new SweepSettings { Config = sweep, Source = path, Output = folder, Device = parse.GetValue(device)! }, context);
            context.Line($"table: {Path.Combine(folder, SweepTable.CsvFile)}, {Path.Combine(folder, SweepTable.JsonFile)}; page: {Path.Combine(folder, SweepPage.FileName)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
