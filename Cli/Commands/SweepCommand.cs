using System.CommandLine;
using GateForge.Flow;
using GateForge.Flow.Sweeps;

namespace GateForge.Cli.Commands;

/// <summary>
/// <c>gateforge sweep CONFIG [-o FOLDER] [--slurm | --point I]</c>: trains, freezes, optimises and
/// LUT-maps a grid of models and writes the accuracy-vs-LUT6 table and page (the work is
/// <see cref="DesignFlow.Sweep"/>), here or as a Slurm job array.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Sweep config JSON (data, model, grid, budget; see README, e.g. configs/sweep-tiny.json)" };
        var output = new Option<string?>("--output", "-o") { Description = "Sweep folder (default: the config's output, else sweeps/<config name>); a rerun into it reuses finished points" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => "cpu" };
        var slurm = new Option<bool>("--slurm") { Description = "Run the unfinished points as a Slurm job array (sbatch), collecting each as it finishes; a rerun retries failed points" };
        var partition = new Option<string?>("--slurm-partition") { Description = "With --slurm: the partition (sbatch --partition)" };
        var time = new Option<string?>("--slurm-time") { Description = "With --slurm: each task's time limit (sbatch --time, e.g. 30 or 1:00:00)" };
        var sbatchArgs = new Option<string[]>("--sbatch-arg") { Description = "With --slurm: one more sbatch argument (repeat for more, e.g. --sbatch-arg=--mem=8G)", AllowMultipleArgumentsPerToken = false };
        var point = new Option<int?>("--point") { Description = "Run only point I (1-based, grid order) into its folder and write no table: what each Slurm task runs" };
        var command = new Command("sweep", "Train a grid of models; table and page of accuracy against LUT6 and latency, with the Pareto front")
        {
            config, output, device, slurm, partition, time, sbatchArgs, point,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            var sweep = SweepConfig.Load(path);
            var folder = parse.GetValue(output) ?? sweep.Output ?? DesignFlow.DefaultSweepFolder(path);
            var onSlurm = parse.GetValue(slurm);
            var extra = parse.GetValue(sbatchArgs) ?? [];
            if (!onSlurm && (parse.GetValue(partition) is not null || parse.GetValue(time) is not null || extra.Length > 0))
                throw new FlowUsageException("--slurm-partition, --slurm-time and --sbatch-arg need --slurm");
            var settings = new SweepSettings
            {
                Config = sweep,
                Source = path,
                Output = folder,
                Device = parse.GetValue(device)!,
                Point = parse.GetValue(point),
                Slurm = onSlurm
                    ? new SlurmSweepSettings { Command = OwnCommand(), Partition = parse.GetValue(partition), Time = parse.GetValue(time), SbatchArguments = extra }
                    : null,
            };
            var outcome = DesignFlow.Sweep(settings, context);
            context.Line(settings.Point is null
                ? $"table: {Path.Combine(folder, SweepTable.CsvFile)}, {Path.Combine(folder, SweepTable.JsonFile)}; page: {Path.Combine(folder, SweepPage.FileName)}"
                : $"point folder: {Path.Combine(folder, DesignFlow.SweepPointsFolder, outcome.Results[0].Parameters.FolderName(outcome.Results[0].Key))} (the table is written by the sweep without --point)");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The command line that runs this same gateforge, for the Slurm tasks: the executable, or the
    /// dotnet host with this assembly when gateforge runs as <c>dotnet gateforge.dll</c> (tests do).
    /// </summary>
    private static IReadOnlyList<string> OwnCommand()
    {
        var exe = Environment.ProcessPath ?? throw new InvalidOperationException("the path of the running gateforge is unknown");
        return Path.GetFileNameWithoutExtension(exe) == "dotnet" ? [exe, typeof(Program).Assembly.Location] : [exe];
    }
}
