using System.Diagnostics;
using System.Globalization;
using GateForge.Flow.Sweeps;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.Sim.Area;
using GateForge.Training;
using GateForge.Training.Data;

namespace GateForge.Flow;

/// <summary>What to sweep: the config, the name it is known by in messages, and the folder to write.</summary>
public sealed record SweepSettings
{
    public required SweepConfig Config { get; init; }
    /// <summary>Names the config in messages (its path).</summary>
    public required string Source { get; init; }
    public required string Output { get; init; }
    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>
    /// Run only this point (1-based, grid order) into its folder and write nothing else (no table):
    /// what each task of a Slurm sweep runs. A finished point is reused.
    /// </summary>
    public int? Point { get; init; }
    /// <summary>Run the unfinished points as a Slurm job array instead of here (<see cref="SlurmSweepSettings"/>).</summary>
    public SlurmSweepSettings? Slurm { get; init; }
}

/// <summary>A finished sweep: the table in grid order, how many points were reused and run, and where it was written.</summary>
public sealed record SweepOutcome(IReadOnlyList<SweepResult> Results, int Reused, int Ran, string Folder, int OtherConfigPoints);

public static partial class DesignFlow
{
    /// <summary>The folder under a sweep's output that holds one subfolder per point.</summary>
    public const string SweepPointsFolder = "points";

    /// <summary>The sweep's folder when the config names none: <c>sweeps/&lt;config file name&gt;</c>.</summary>
    public static string DefaultSweepFolder(string configPath) =>
        Path.Combine("sweeps", Path.GetFileNameWithoutExtension(configPath));

    /// <summary>
    /// Trains, freezes, optimises and LUT-maps every point of the grid, one line per point, and
    /// writes <c>results.csv</c>, <c>results.json</c> and <c>sweep.html</c> after each. A point is
    /// written whole (<c>points/NAME-KEY/</c>: its checkpoint and <c>result.json</c>) once it is
    /// finished, so Ctrl-C keeps the finished points and a rerun reuses them (points are named by
    /// a key of everything that decides their result, so another config's are never reused).
    /// Every point's config is checked against the data before anything trains. With
    /// <see cref="SweepSettings.Point"/> only that point runs (no table); with
    /// <see cref="SweepSettings.Slurm"/> the unfinished points run as a Slurm job array and are
    /// collected here as they finish (<c>SweepSlurm.cs</c>).
    /// </summary>
    public static SweepOutcome Sweep(SweepSettings settings, IFlowProgress progress)
    {
        var config = settings.Config;
        var source = settings.Source;
        if (StreamTasks.IsStreamSpec(config.Data))
            throw new FlowUsageException($"{source}: data '{config.Data}' is a stream task (a recurrent model); a sweep trains dense and conv models");
        if (settings.Device is not ("cpu" or "cuda"))
            throw new FlowUsageException($"--device must be cpu or cuda, not '{settings.Device}'");
        try
        {
            PipelineParser.Parse(config.Opt);
        }
        catch (ArgumentException e)
        {
            throw new FlowUsageException($"{source}: bad opt \"{config.Opt}\": {e.Message}", e);
        }
        if (settings.Point is not null && settings.Slurm is not null)
            throw new FlowUsageException("--point runs one point here; it cannot be combined with --slurm");
        if (settings.Slurm is not null)
        {
            // the submitting process only checks, submits and collects: the tasks map with ABC on the cluster's nodes
            if (Slurm.Missing is { } tool)
                throw new FlowUsageException($"--slurm needs {tool} (slurm-wlm) on PATH");
            if (settings.Slurm.Command.Count == 0)
                throw new ArgumentException("the Slurm tasks need the command that runs gateforge", nameof(settings));
        }
        else if (!AbcLutMapper.IsInstalled)
            throw new FlowUsageException("a sweep maps every point with ABC (if -K 6), and berkeley-abc is not installed");
        var folder = Path.GetFullPath(settings.Output);
        if (File.Exists(folder))
            throw new FlowUsageException($"sweep output '{settings.Output}' is a file, expected a folder");

        var split = DataSets.Load(config.Data);
        var points = CheckedPoints(config, split, source);
        var pointsFolder = Path.Combine(folder, SweepPointsFolder);
        var budget = Budget(config.Budget);
        if (settings.Point is { } only && (only < 1 || only > points.Count))
            throw new FlowUsageException($"--point {only}: {source} has {points.Count} point{(points.Count == 1 ? "" : "s")} (1 to {points.Count})");
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"sweep {source}: {(settings.Point is { } one ? $"point {one} of {points.Count}" : $"{points.Count} point{(points.Count == 1 ? "" : "s")}")} on {config.Data} ({split.Train.Count} training rows, {split.Test.Count} test), {budget} each, opt {config.Opt}, LUT{SweepConfig.LutInputs} by ABC; folder {settings.Output}"));
        if (settings.Point is { } single)
            return SweepOnePoint(settings, split, points[single - 1], points.Count, folder, progress);

        List<SweepResult> results;
        int reused;
        int ran;
        if (settings.Slurm is not null)
            (results, reused, ran) = SweepOnSlurm(settings, points, folder, budget, progress);
        else
            (results, reused, ran) = SweepHere(settings, split, points, folder, budget, progress);
        if (reused > 0)
            progress.Line($"reused {reused} finished point{(reused == 1 ? "" : "s")} from {settings.Output} (ran {ran})");
        SaveSweepTable(folder, source, config, points.Count, budget, results);
        var keys = points.Select(p => p.FolderName).ToHashSet(StringComparer.Ordinal);
        var others = Directory.Exists(pointsFolder)
            ? Directory.GetDirectories(pointsFolder).Count(d => !Path.GetFileName(d).StartsWith('.') && !keys.Contains(Path.GetFileName(d)))
            : 0;
        if (others > 0)
            progress.Line($"{others} point folder{(others == 1 ? "" : "s")} in {Path.Combine(settings.Output, SweepPointsFolder)} belong to another config (other data, model, budget or grid) and are not in this table");
        var front = ParetoFront.Of(results, r => r.Lut6, r => r.DiscreteAccuracy);
        progress.Line("Pareto front (discrete accuracy vs LUT6): " + string.Join("; ", front.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"point {r.Index}: {100 * r.DiscreteAccuracy:0.00}% @ {r.Lut6:N0}"))));
        return new SweepOutcome(results, reused, ran, folder, others);
    }

    /// <summary>The points one after another in this process, the table rewritten after each.</summary>
    private static (List<SweepResult> Results, int Reused, int Ran) SweepHere(SweepSettings settings, DataSplit split,
        IReadOnlyList<SweepPoint> points, string folder, string budget, IFlowProgress progress)
    {
        var pointsFolder = Path.Combine(folder, SweepPointsFolder);
        var results = new List<SweepResult>();
        var reused = 0;
        var ran = 0;
        foreach (var point in points)
        {
            if (FinishedPoint(pointsFolder, point) is { } saved)
            {
                results.Add(saved);
                reused++;
                progress.Line(PointLine(saved, points.Count, reused: true));
                continue;
            }
            var result = RunPoint(settings, split, point, points.Count, Path.Combine(pointsFolder, point.FolderName), progress);
            results.Add(result);
            ran++;
            progress.Line(PointLine(result, points.Count, reused: false));
            SaveSweepTable(folder, settings.Source, settings.Config, points.Count, budget, results);
        }
        return (results, reused, ran);
    }

    /// <summary>
    /// One point into its folder and nothing else (a Slurm task's work; several run at once into one
    /// <c>points/</c> folder, possibly on other machines, so none sweeps the others' temporaries).
    /// </summary>
    private static SweepOutcome SweepOnePoint(SweepSettings settings, DataSplit split, SweepPoint point, int count, string folder, IFlowProgress progress)
    {
        var pointsFolder = Path.Combine(folder, SweepPointsFolder);
        if (FinishedPoint(pointsFolder, point) is { } saved)
        {
            progress.Line(PointLine(saved, count, reused: true));
            return new SweepOutcome([saved], 1, 0, folder, 0);
        }
        AtomicOutput.LeaveTemporariesIn(pointsFolder);
        var result = RunPoint(settings, split, point, count, Path.Combine(pointsFolder, point.FolderName), progress);
        progress.Line(PointLine(result, count, reused: false));
        return new SweepOutcome([result], 0, 1, folder, 0);
    }

    /// <summary>The point's saved result when its folder holds one for the point's key, else null.</summary>
    private static SweepResult? FinishedPoint(string pointsFolder, SweepPoint point)
    {
        var saved = SweepResult.TryLoad(Path.Combine(pointsFolder, point.FolderName, SweepResult.FileName));
        return saved is not null && saved.Key == point.Key ? saved with { Index = point.Index } : null;
    }

    /// <summary>One line of a finished point.</summary>
    public static string PointLine(SweepResult r, int count, bool reused)
    {
        var c = CultureInfo.InvariantCulture;
        var head = r.HeadShare is { } h ? string.Create(c, $", head {100 * h:0}% of gates") : "";
        return string.Create(c,
            $"point {r.Index}/{count}{(reused ? " (reused)" : "")}: {r.Parameters.Describe()}: discrete {100 * r.DiscreteAccuracy:0.00}% (soft {100 * r.SoftAccuracy:0.00}%), {r.Gates:N0} gates, depth {r.Depth}, {r.Lut6:N0} LUT{SweepConfig.LutInputs}, {r.LatencyCycles} cycles{head}, {r.Steps} steps in {r.TrainSeconds:0.0} s");
    }

    private static string Budget(SweepBudget b) => (b.Steps, b.Seconds) switch
    {
        ({ } steps, { } seconds) => string.Create(CultureInfo.InvariantCulture, $"{steps} steps or {seconds:0.#} s of training, whichever comes first"),
        ({ } steps, null) => string.Create(CultureInfo.InvariantCulture, $"{steps} training steps"),
        (null, { } seconds) => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.#} s of training"),
        _ => throw new ArgumentException("a budget needs steps or seconds", nameof(b)),
    };

    /// <summary>The grid's points, each config fitted to the data (a bad one is refused before anything trains).</summary>
    private static IReadOnlyList<SweepPoint> CheckedPoints(SweepConfig config, DataSplit split, string source)
    {
        IReadOnlyList<SweepPoint> points;
        try
        {
            points = SweepPoint.Expand(config, split.Train.ClassCount, source);
        }
        catch (TrainingException e)
        {
            throw new FlowUsageException(e.Message, e);
        }
        foreach (var point in points)
            try
            {
                ModelConfigs.FitToData(point.Config, split, config.Data);
            }
            catch (TrainingException e)
            {
                throw new FlowUsageException($"{source}: point {point.Index} ({point.Describe()}): {e.Message}", e);
            }
        return points;
    }

    private static SweepResult RunPoint(SweepSettings settings, DataSplit split, SweepPoint point, int count, string pointFolder, IFlowProgress progress)
    {
        var config = settings.Config;
        var label = string.Create(CultureInfo.InvariantCulture, $"point {point.Index}/{count}");
        SweepResult? result = null;
        try
        {
            AtomicOutput.WriteFolder(pointFolder, staging =>
            {
                var checkpoint = Path.Combine(staging, "checkpoint");
                var trainWatch = Stopwatch.StartNew();
                using (var budget = CancellationTokenSource.CreateLinkedTokenSource(progress.Cancellation))
                {
                    if (config.Budget.Seconds is { } seconds)
                        budget.CancelAfter(TimeSpan.FromSeconds(seconds));
                    try
                    {
                        Train(new TrainSettings { Config = point.Config, Data = config.Data, Checkpoint = checkpoint, Split = split, Device = settings.Device },
                            new PointProgress(progress, label, budget.Token));
                    }
                    catch (OperationCanceledException) when (!progress.Cancellation.IsCancellationRequested && budget.IsCancellationRequested
                                                              && Directory.Exists(checkpoint))
                    {
                        // the time budget ran out: the trainer evaluated and saved the checkpoint as it stopped
                    }
                }
                var trainSeconds = trainWatch.Elapsed.TotalSeconds;
                result = Measure(settings, split, point, checkpoint, trainSeconds, new PointProgress(progress, label, progress.Cancellation));
                AtomicOutput.WriteText(Path.Combine(staging, SweepResult.FileName), result.ToJson());
            }, ExistingFolder.Replace, progress.Cancellation);
        }
        catch (OperationCanceledException) when (progress.Cancellation.IsCancellationRequested)
        {
            throw new StageCancelledException(
                $"cancelled during {label} ({point.Describe()}); finished points are kept in {settings.Output}: rerun the same command to continue");
        }
        return result ?? throw new InvalidOperationException("the point's folder was written without its result");
    }

    /// <summary>Freeze (the chosen checkpoint, checked bit-exact), optimise, map to LUT6, pipeline, attribute the head.</summary>
    private static SweepResult Measure(SweepSettings settings, DataSplit split, SweepPoint point, string checkpoint, double trainSeconds, IFlowProgress quiet)
    {
        var config = settings.Config;
        var watch = Stopwatch.StartNew();
        var frozen = Freeze(new FreezeSettings { Checkpoint = checkpoint, Data = config.Data, Split = split }, quiet);
        var model = frozen.Report.Model!;
        if (model.Accuracy is not { Discrete: { } discrete, Soft: { } soft })
            throw new InvalidOperationException("a frozen sweep point has no test accuracy");
        var netlist = Optimise(frozen.Netlist, new OptimiseSettings { Pipeline = config.Opt }, quiet).Netlist;
        long luts;
        using (quiet.Heartbeat("abc", $"if -K {SweepConfig.LutInputs} on {netlist.GateCount:N0} gates"))
            luts = AbcLutMapper.Count(netlist, SweepConfig.LutInputs, cancellation: quiet.Cancellation);
        var pipelined = new PipelinePass(config.PipelineEvery).Run(netlist, new PassContext(null, quiet.Cancellation)).Netlist;
        var latency = PipelinePass.LatencyOf(pipelined);
        return new SweepResult
        {
            Index = point.Index,
            Key = point.Key,
            Parameters = point.Parameters,
            Steps = model.TrainedSteps ?? point.Config.Steps,
            CheckpointStep = model.CheckpointStep ?? 0,
            ChosenOn = model.ChosenOn ?? "last",
            DiscreteAccuracy = discrete,
            SoftAccuracy = soft,
            Gates = netlist.GateCount,
            Depth = netlist.Depth,
            Lut6 = luts,
            LatencyCycles = latency,
            PipelineEvery = config.PipelineEvery,
            HeadGates = HeadGates(frozen.Netlist, netlist),
            TrainSeconds = Math.Round(trainSeconds, 3),
            HardwareSeconds = Math.Round(watch.Elapsed.TotalSeconds, 3),
        };
    }

    /// <summary>Gates of the popcounts and the argmax in the optimised netlist (<see cref="AreaAttribution"/>), null when the built netlist records no parts.</summary>
    private static int? HeadGates(Netlist built, Netlist optimised)
    {
        if (DesignParts.Read(built).Count == 0)
            return null;
        var (names, partOf) = AreaAttribution.Attribute(built, optimised);
        var head = names.Select((n, i) => (n, i)).Where(p => p.n is DesignParts.Popcount or DesignParts.Argmax).Select(p => p.i).ToHashSet();
        return partOf.Count(head.Contains);
    }

    private static void SaveSweepTable(string folder, string source, SweepConfig config, int points, string budget, IReadOnlyList<SweepResult> results)
    {
        results = [.. results.OrderBy(r => r.Index)];
        AtomicOutput.WriteText(Path.Combine(folder, SweepTable.CsvFile), SweepTable.Csv(results));
        AtomicOutput.WriteText(Path.Combine(folder, SweepTable.JsonFile), SweepTable.Json(results));
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{source}: {results.Count} of {points} points finished on {config.Data}; {budget} each; opt {config.Opt}; pipeline stage every {config.PipelineEvery} levels.");
        SweepPage.Save(Path.Combine(folder, SweepPage.FileName), Path.GetFileNameWithoutExtension(source), description, results);
    }

    /// <summary>A point's stages report only their progress bars (labelled with the point), under the point's cancellation.</summary>
    private sealed class PointProgress(IFlowProgress parent, string label, CancellationToken cancellation) : IFlowProgress
    {
        public CancellationToken Cancellation => cancellation;
        public TextWriter PassLog => TextWriter.Null;
        public void Stage(string name) { }
        public void Line(string text) { }
        public IProgressBar Bar(string name) => parent.Bar($"{label} {name}");
        public IDisposable Heartbeat(string name, string detail) => parent.Heartbeat($"{label} {name}", detail);
    }
}
