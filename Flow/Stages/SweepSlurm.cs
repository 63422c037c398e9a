using System.Globalization;
using System.Text;
using GateForge.Flow.Sweeps;
using GateForge.Ir;
using GateForge.Ir.Tools;

namespace GateForge.Flow;

/// <summary>
/// How a sweep runs its points as a Slurm job array: the command by which a task calls the same
/// gateforge (the caller knows it; Flow does not guess), and what goes to sbatch.
/// </summary>
public sealed record SlurmSweepSettings
{
    /// <summary>The program and the arguments before the verb that run this gateforge (the CLI: its own executable, or the dotnet host and its assembly).</summary>
    public required IReadOnlyList<string> Command { get; init; }
    /// <summary><c>--partition</c> of the job (null: the cluster's default).</summary>
    public string? Partition { get; init; }
    /// <summary><c>--time</c> of each task (null: the partition's default).</summary>
    public string? Time { get; init; }
    /// <summary>More sbatch arguments, each one argument (<c>--mem=4G</c>), given on sbatch's command line (they override the script's).</summary>
    public IReadOnlyList<string> SbatchArguments { get; init; } = [];
    /// <summary>How often the queue and the points' folders are looked at while the job runs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}

public static partial class DesignFlow
{
    /// <summary>The folder under a sweep's output with the Slurm job's script, its id and one log per task.</summary>
    public const string SweepSlurmFolder = "slurm";

    /// <summary>The job script <c>sweep --slurm</c> writes and submits.</summary>
    public const string SweepJobScript = "job.sh";

    /// <summary>The id of the last job submitted for the folder (a rerun refuses to submit while it still runs).</summary>
    public const string SweepJobIdFile = "job.id";

    /// <summary>How long the queue may be unreadable before the sweep gives up waiting.</summary>
    private static readonly TimeSpan SlurmSilence = TimeSpan.FromMinutes(2);

    /// <summary>A task's log: <c>slurm/point-I.log</c> (sbatch's <c>%a</c> is the array index, the point's).</summary>
    public static string SweepPointLog(string folder, int index) =>
        Path.Combine(folder, SweepSlurmFolder, string.Create(CultureInfo.InvariantCulture, $"point-{index}.log"));

    /// <summary>
    /// The unfinished points as one Slurm job array (task I runs <c>gateforge sweep CONFIG -o FOLDER
    /// --point I</c>, the same measurement as here), collected as their <c>result.json</c> appear: one
    /// line per point, the table rewritten after each. When the job has no task left, each point
    /// without a result is reported in one line (its task's state and the last line of its log) and
    /// the sweep fails with <see cref="SweepFailedException"/>; a rerun submits only those. Ctrl-C
    /// cancels the job (scancel) and keeps the finished points.
    /// </summary>
    private static (List<SweepResult> Results, int Reused, int Ran) SweepOnSlurm(SweepSettings settings, IReadOnlyList<SweepPoint> points,
        string folder, string budget, IFlowProgress progress)
    {
        var slurm = settings.Slurm!;
        var pointsFolder = Path.Combine(folder, SweepPointsFolder);
        var slurmFolder = Path.Combine(folder, SweepSlurmFolder);
        var results = new SortedDictionary<int, SweepResult>();
        var waiting = new SortedDictionary<int, SweepPoint>();
        foreach (var point in points)
        {
            if (FinishedPoint(pointsFolder, point) is { } saved)
            {
                results[point.Index] = saved;
                progress.Line(PointLine(saved, points.Count, reused: true));
            }
            else
                waiting[point.Index] = point;
        }
        var reused = results.Count;
        if (waiting.Count == 0)
            return ([.. results.Values], reused, 0);
        RefuseWhileEarlierJobRuns(slurmFolder, settings.Output, progress.Cancellation);
        // no task of this folder runs now: what killed ones left half-written goes (the tasks themselves leave it, see SweepOnePoint)
        AtomicOutput.RemoveStaleTemporaries(pointsFolder);

        // A refused submission (bad partition, time) is bad input and leaves nothing: the script is
        // submitted from a hidden name and takes its own only once sbatch took it (sbatch copies the
        // script at submission), and folders made for it go again. The log folder must exist before
        // any task starts, so it is made first.
        var created = new[] { folder, slurmFolder }.Where(d => !Directory.Exists(d)).ToList();
        Directory.CreateDirectory(slurmFolder);
        var script = Path.Combine(slurmFolder, SweepJobScript);
        var submitting = Path.Combine(slurmFolder, "." + SweepJobScript + ".submitting");
        File.WriteAllText(submitting, JobScript(settings, folder, waiting.Keys, points.Count));
        var arguments = new List<string>();
        if (slurm.Partition is { } partition)
            arguments.Add("--partition=" + partition);
        if (slurm.Time is { } time)
            arguments.Add("--time=" + time);
        arguments.AddRange(slurm.SbatchArguments);
        long job;
        try
        {
            job = Slurm.Submit(submitting, arguments, Environment.CurrentDirectory, progress.Cancellation);
        }
        catch (SlurmException e)
        {
            Unsubmitted();
            throw new FlowUsageException(e.Message, e);
        }
        catch (OperationCanceledException)
        {
            Unsubmitted();
            throw;
        }
        File.Move(submitting, script, overwrite: true);
        void Unsubmitted()
        {
            File.Delete(submitting);
            foreach (var made in created.AsEnumerable().Reverse())
                Directory.Delete(made, recursive: true);
        }
        SaveSweepTable(folder, settings.Source, settings.Config, points.Count, budget, [.. results.Values]);
        AtomicOutput.WriteText(Path.Combine(slurmFolder, SweepJobIdFile), job.ToString(CultureInfo.InvariantCulture) + "\n");
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"submitted Slurm job {job}: {waiting.Count} point{(waiting.Count == 1 ? "" : "s")} as array {Slurm.ArraySpec(waiting.Keys)} ({Path.Combine(settings.Output, SweepSlurmFolder, SweepJobScript)}); logs {Path.Combine(settings.Output, SweepSlurmFolder, "point-I.log")}"));

        var submitted = waiting.Count;
        var states = new Dictionary<int, SlurmTaskState>();
        var ran = 0;
        try
        {
            using var bar = progress.Bar($"slurm job {job.ToString(CultureInfo.InvariantCulture)}");
            var lastContact = DateTime.UtcNow;
            while (true)
            {
                var over = false;
                try
                {
                    var tasks = Slurm.Tasks(job, progress.Cancellation);
                    lastContact = DateTime.UtcNow;
                    foreach (var task in tasks)
                        states[task.Index] = task.State;
                    // the job is over when none of its tasks is active (a purged job lists none); a
                    // task writes its result before it ends, so the collection below sees every one
                    over = !tasks.Any(t => Slurm.IsActive(t.State));
                }
                catch (SlurmException) when (DateTime.UtcNow - lastContact < SlurmSilence)
                {
                    // the controller may be busy for a moment; try again at the next look
                }
                catch (SlurmException e)
                {
                    throw new SweepFailedException(
                        $"{e.Message} (for {SlurmSilence.TotalMinutes:0} minutes); job {job} may still run: rerun the same command later to collect its points");
                }
                foreach (var point in waiting.Values.ToList())
                {
                    if (FinishedPoint(pointsFolder, point) is not { } result)
                        continue;
                    waiting.Remove(point.Index);
                    results[point.Index] = result;
                    ran++;
                    progress.Line(PointLine(result, points.Count, reused: false));
                    SaveSweepTable(folder, settings.Source, settings.Config, points.Count, budget, [.. results.Values]);
                }
                if (over || waiting.Count == 0)
                    break;
                var running = waiting.Keys.Count(i => states.GetValueOrDefault(i) is SlurmTaskState.Running or SlurmTaskState.Completing);
                bar.Report(submitted - waiting.Count, submitted, $"{running} running, {waiting.Count - running} waiting");
                if (progress.Cancellation.WaitHandle.WaitOne(slurm.PollInterval))
                    progress.Cancellation.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (progress.Cancellation.IsCancellationRequested)
        {
            SaveSweepTable(folder, settings.Source, settings.Config, points.Count, budget, [.. results.Values]);
            var kept = string.Create(CultureInfo.InvariantCulture,
                $"{results.Count} finished point{(results.Count == 1 ? "" : "s")} kept in {settings.Output}: rerun the same command to continue");
            throw new StageCancelledException(Slurm.Cancel(job, out var why)
                ? $"cancelled; Slurm job {job} cancelled (scancel); {kept}"
                : $"cancelled; scancel {job} failed ({why}): its tasks may still run; {kept}");
        }
        Slurm.Forget(job);
        // every task is gone: what its writers left half-done is stale now
        AtomicOutput.RemoveStaleTemporaries(pointsFolder);
        if (waiting.Count > 0)
        {
            foreach (var point in waiting.Values)
                progress.Line(FailedPointLine(point, points.Count, states.TryGetValue(point.Index, out var s) ? s : null, folder));
            SaveSweepTable(folder, settings.Source, settings.Config, points.Count, budget, [.. results.Values]);
            throw new SweepFailedException(string.Create(CultureInfo.InvariantCulture,
                $"{waiting.Count} of {submitted} points failed (logs in {Path.Combine(settings.Output, SweepSlurmFolder)}); rerun to retry them"));
        }
        return ([.. results.Values], reused, ran);
    }

    /// <summary>A rerun must not submit the points again while the job of an earlier run still works on them.</summary>
    private static void RefuseWhileEarlierJobRuns(string slurmFolder, string output, CancellationToken cancellation)
    {
        var idFile = Path.Combine(slurmFolder, SweepJobIdFile);
        if (!File.Exists(idFile) || !long.TryParse(File.ReadAllText(idFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var earlier))
            return;
        int active;
        try
        {
            active = Slurm.Tasks(earlier, cancellation).Count(t => Slurm.IsActive(t.State));
        }
        catch (SlurmException e)
        {
            throw new FlowUsageException($"cannot ask Slurm about job {earlier} of an earlier run into {output}: {e.Message}", e);
        }
        if (active > 0)
            throw new FlowUsageException(string.Create(CultureInfo.InvariantCulture,
                $"Slurm job {earlier} of an earlier run into {output} still has {active} task{(active == 1 ? "" : "s")}: wait for it or `scancel {earlier}`, then rerun"));
    }

    /// <summary>The batch script: one array task per unfinished point, task I running point I through the same gateforge.</summary>
    private static string JobScript(SweepSettings settings, string folder, IEnumerable<int> indices, int count)
    {
        var slurm = settings.Slurm!;
        var name = "gateforge-sweep-" + new string([.. Path.GetFileNameWithoutExtension(settings.Source).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        var task = new List<string>(slurm.Command) { "sweep", Path.GetFullPath(settings.Source), "-o", folder, "--device", settings.Device };
        var text = new StringBuilder()
            .Append("#!/bin/sh\n")
            .Append(CultureInfo.InvariantCulture, $"# gateforge sweep --slurm: the unfinished points of {count}, task I runs point I of the grid.\n")
            .Append("# Options on sbatch's command line (--slurm-partition, --slurm-time, --sbatch-arg) override these.\n")
            .Append("#SBATCH ").Append(CommandLine.Quote("--job-name=" + name)).Append('\n')
            .Append("#SBATCH --array=").Append(Slurm.ArraySpec(indices)).Append('\n')
            .Append("#SBATCH ").Append(CommandLine.Quote("--output=" + Path.Combine(folder, SweepSlurmFolder, "point-%a.log"))).Append('\n')
            .Append("#SBATCH ").Append(CommandLine.Quote("--chdir=" + Environment.CurrentDirectory)).Append('\n')
            .Append("#SBATCH --ntasks=1\n")
            .Append("exec ").Append(CommandLine.Join(task)).Append(" --point \"$SLURM_ARRAY_TASK_ID\"\n");
        return text.ToString();
    }

    /// <summary>One line of a point whose task ended without a result: the task's state and the last line of its log.</summary>
    private static string FailedPointLine(SweepPoint point, int count, SlurmTaskState? state, string folder)
    {
        var log = SweepPointLog(folder, point.Index);
        var last = File.Exists(log)
            ? File.ReadLines(log).Select(l => l.Trim()).LastOrDefault(l => l.Length > 0)
            : null;
        var ended = state is { } s ? "task " + Slurm.Name(s) : "task gone from the queue";
        var tail = last is null ? $"no log at {log}" : $"{Path.GetFileName(log)}: {(last.Length > 300 ? last[..300] + "…" : last)}";
        return string.Create(CultureInfo.InvariantCulture, $"point {point.Index}/{count} FAILED: {point.Describe()}: {ended}, no result; {tail}");
    }
}
