using System.Globalization;

namespace GateForge.Ir.Tools;

/// <summary>The state of one task of a Slurm job array, as <c>squeue</c> names it (<c>%T</c>).</summary>
public enum SlurmTaskState
{
    Pending,
    Configuring,
    Running,
    Completing,
    Suspended,
    Requeued,
    Resizing,
    Completed,
    Failed,
    Cancelled,
    Timeout,
    OutOfMemory,
    NodeFail,
    Preempted,
    BootFail,
    Deadline,
    /// <summary>A state this module does not know (a newer Slurm's): treated as finished.</summary>
    Other,
}

/// <summary>One task of a job array: its array index and state.</summary>
public sealed record SlurmTask(int Index, SlurmTaskState State);

/// <summary>Slurm refused or failed a request; the message is one line (the tool's first error line).</summary>
public sealed class SlurmException : Exception
{
    public SlurmException(string message) : base(message) { }
}

/// <summary>
/// Slurm's client commands, the one owner of <c>sbatch</c>, <c>squeue</c> and <c>scancel</c>: submit a
/// batch script, read the states of a job's array tasks, cancel a job. The cluster is the one the
/// environment names (<c>SLURM_CONF</c>, else <c>/etc/slurm/slurm.conf</c>). Task states come from
/// <c>squeue</c> (the controller keeps finished tasks for <c>MinJobAge</c>, 300 s by default), not
/// <c>sacct</c>, which needs the accounting daemon a one-node cluster usually lacks.
/// </summary>
public static class Slurm
{
    public const string Sbatch = "sbatch";
    public const string Squeue = "squeue";
    public const string Scancel = "scancel";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Jobs this process submitted and still waits for (<see cref="CancelAll"/> cancels them).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, bool> Waiting = new();

    /// <summary>The first of sbatch, squeue and scancel that is not on PATH, or null when all are.</summary>
    public static string? Missing => new[] { Sbatch, Squeue, Scancel }.FirstOrDefault(t => !ExternalTool.IsInstalled(t));

    public static bool IsInstalled => Missing is null;

    /// <summary>
    /// Submits <paramref name="script"/> (<c>sbatch --parsable [arguments] SCRIPT</c>) and returns the
    /// job id. A refusal is a <see cref="SlurmException"/> with sbatch's first error line.
    /// </summary>
    public static long Submit(string script, IEnumerable<string> arguments, string? workingDirectory = null, CancellationToken cancellation = default)
    {
        var r = ExternalTool.Run(Sbatch, ["--parsable", .. arguments, script], workingDirectory, CommandTimeout, cancellation);
        if (!r.Ok)
            throw new SlurmException($"sbatch refused the job: {FirstError(r)}");
        // --parsable prints "ID" or "ID;CLUSTER"
        var first = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        var id = first.Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var job))
            throw new SlurmException($"sbatch printed no job id (stdout: '{first}')");
        Waiting[job] = true;
        return job;
    }

    /// <summary>The caller no longer waits for <paramref name="job"/> (it is over, or cancelled): <see cref="CancelAll"/> leaves it.</summary>
    public static void Forget(long job) => Waiting.TryRemove(job, out _);

    /// <summary>
    /// For a process about to stop at once (a second Ctrl-C; call before <see cref="ExternalTool.KillAll"/>,
    /// which refuses new tool runs): cancels every job it submitted and has not forgotten, so that no
    /// array keeps training for a sweep nobody collects.
    /// </summary>
    public static void CancelAll()
    {
        foreach (var job in Waiting.Keys)
            if (Cancel(job, out _))
                Forget(job);
    }

    /// <summary>
    /// The tasks of job array <paramref name="job"/> the controller still knows, pending, running and
    /// finished (<c>squeue -h -r -t all -j JOB -o "%K %T"</c>); empty once the job is gone.
    /// </summary>
    public static IReadOnlyList<SlurmTask> Tasks(long job, CancellationToken cancellation = default)
    {
        var id = job.ToString(CultureInfo.InvariantCulture);
        var r = ExternalTool.Run(Squeue, ["-h", "-r", "-t", "all", "-j", id, "-o", "%K %T"], timeout: CommandTimeout, cancellation: cancellation);
        if (!r.Ok)
        {
            // a job the controller has forgotten (purged after MinJobAge) is "Invalid job id specified"
            if (r.Output.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
                return [];
            throw new SlurmException($"squeue failed for job {id}: {FirstError(r)}");
        }
        return ParseTasks(r.Stdout);
    }

    /// <summary>Parses squeue's <c>%K %T</c> lines (array index, state); a line whose index is not a number (a job that is not an array) is skipped.</summary>
    public static IReadOnlyList<SlurmTask> ParseTasks(string squeueOutput)
    {
        var tasks = new List<SlurmTask>();
        foreach (var line in squeueOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                tasks.Add(new SlurmTask(index, ParseState(fields[1])));
        }
        return tasks;
    }

    /// <summary>squeue's long state name (<c>RUNNING</c>, <c>OUT_OF_MEMORY</c>, …) as the enum.</summary>
    public static SlurmTaskState ParseState(string name) => name.Trim().ToUpperInvariant() switch
    {
        "PENDING" => SlurmTaskState.Pending,
        "CONFIGURING" => SlurmTaskState.Configuring,
        "RUNNING" => SlurmTaskState.Running,
        "COMPLETING" => SlurmTaskState.Completing,
        "SUSPENDED" or "STOPPED" => SlurmTaskState.Suspended,
        "REQUEUED" or "REQUEUE_FED" or "REQUEUE_HOLD" => SlurmTaskState.Requeued,
        "RESIZING" => SlurmTaskState.Resizing,
        "COMPLETED" => SlurmTaskState.Completed,
        "FAILED" => SlurmTaskState.Failed,
        "CANCELLED" => SlurmTaskState.Cancelled,
        "TIMEOUT" => SlurmTaskState.Timeout,
        "OUT_OF_MEMORY" => SlurmTaskState.OutOfMemory,
        "NODE_FAIL" => SlurmTaskState.NodeFail,
        "PREEMPTED" => SlurmTaskState.Preempted,
        "BOOT_FAIL" => SlurmTaskState.BootFail,
        "DEADLINE" => SlurmTaskState.Deadline,
        _ => SlurmTaskState.Other,
    };

    /// <summary>A task in this state has not finished (it may still run and write its result).</summary>
    public static bool IsActive(SlurmTaskState state) => state is SlurmTaskState.Pending or SlurmTaskState.Configuring
        or SlurmTaskState.Running or SlurmTaskState.Completing or SlurmTaskState.Suspended or SlurmTaskState.Requeued or SlurmTaskState.Resizing;

    /// <summary>The state as squeue spells it (<c>OUT_OF_MEMORY</c>).</summary>
    public static string Name(SlurmTaskState state) => state switch
    {
        SlurmTaskState.OutOfMemory => "OUT_OF_MEMORY",
        SlurmTaskState.NodeFail => "NODE_FAIL",
        SlurmTaskState.BootFail => "BOOT_FAIL",
        _ => state.ToString().ToUpperInvariant(),
    };

    /// <summary>Cancels every task of <paramref name="job"/> (<c>scancel JOB</c>); false (with the reason) when scancel failed.</summary>
    public static bool Cancel(long job, out string detail)
    {
        var r = ExternalTool.Run(Scancel, [job.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(10));
        detail = r.Ok ? "" : FirstError(r);
        if (r.Ok)
            Forget(job);
        return r.Ok;
    }

    /// <summary>Array indices as sbatch's <c>--array</c> takes them, runs joined: <c>1-3,5,7-8</c>.</summary>
    public static string ArraySpec(IEnumerable<int> indices)
    {
        var sorted = indices.Distinct().Order().ToList();
        if (sorted.Count == 0)
            throw new ArgumentException("a job array needs at least one index", nameof(indices));
        return Passes.DroppedInputs.FormatRanges(sorted); // the one writer of "0-3,9" ranges
    }

    /// <summary>The tool's first error line without its <c>sbatch: error: </c> prefix (stdout's when stderr is empty).</summary>
    private static string FirstError(ToolResult r)
    {
        if (r.TimedOut)
            return $"{r.Tool} timed out after {r.Elapsed.TotalSeconds:F0} s";
        var lines = (r.Stderr.Length > 0 ? r.Stderr : r.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // sbatch prints the cause first and "Batch job submission failed: …" after it; both help, the first says why
        var line = lines.FirstOrDefault() ?? $"exit {r.ExitCode}";
        foreach (var prefix in new[] { $"{r.Tool}: error: ", $"{r.Tool}: fatal: ", "error: " })
            if (line.StartsWith(prefix, StringComparison.Ordinal))
                return line[prefix.Length..];
        return line;
    }
}
