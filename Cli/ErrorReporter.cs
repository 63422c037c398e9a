using System.Text.Json;
using GateForge.Flow;
using GateForge.Ir;
using GateForge.Training;
using GateForge.Training.Data;

namespace GateForge.Cli;

/// <summary>
/// Turns an exception that escaped a verb into an exit code and ONE line on stderr. The full trace
/// is printed only with <c>--verbose</c>.
/// </summary>
internal static class ErrorReporter
{
    /// <param name="completed">Outputs the command put in place before it failed (<see cref="AtomicOutput.CompletedOutputs"/>).</param>
    /// <param name="stopping">The process is stopping at once (<see cref="AtomicOutput.IsStopping"/>): its temporaries were taken from under the writers.</param>
    public static int Report(Exception error, TextWriter stderr, bool verbose, IReadOnlyList<string> completed, bool stopping = false)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var (code, line) = error switch
        {
            // a stage that knows what it kept says so (train: the resumable checkpoint at step N)
            StageCancelledException s => (ExitCodes.Cancelled, s.Message),
            OperationCanceledException => (ExitCodes.Cancelled, Cancelled(completed)),
            // A second Ctrl-C removes the temporaries while a writer still fills one: the writer's
            // error ("Could not find a part of the path …/.ck2.tmp-…") is the stop, not bad input.
            // Seen in CI: double Ctrl-C during a checkpoint save printed that line before the exit.
            _ when stopping => (ExitCodes.Cancelled, Cancelled(completed)),
            _ => Classify(error),
        };
        stderr.WriteLine($"gateforge: {line}");
        if (verbose)
            stderr.WriteLine(error.ToString());
        return code;
    }

    /// <summary>Says which happened: exit 130 came after a new output was already in place (issue 15 item 5).</summary>
    private static string Cancelled(IReadOnlyList<string> completed) => completed.Count switch
    {
        0 => "cancelled; no output was written",
        1 => $"cancelled; {completed[0]} had already been written in full",
        _ => $"cancelled; {completed.Count} outputs had already been written in full, the last {completed[^1]}",
    };

    private static (int Code, string Line) Classify(Exception error) => error switch
    {
        VerificationFailedException v => (ExitCodes.VerificationFailed, v.Message),
        SweepFailedException f => (ExitCodes.VerificationFailed, f.Message),
        FlowUsageException u => (ExitCodes.BadInput, u.Message),
        NetlistException n => (ExitCodes.BadInput, n.Message),
        TrainingException t => (ExitCodes.BadInput, t.Message),
        DataFormatException d => (ExitCodes.BadInput, d.Message),
        FileNotFoundException f => (ExitCodes.BadInput, f.FileName is { } name && !f.Message.Contains(name, StringComparison.Ordinal)
            ? $"{f.Message} ({name})" : f.Message),
        DirectoryNotFoundException d => (ExitCodes.BadInput, d.Message),
        UnauthorizedAccessException a => (ExitCodes.BadInput, a.Message),
        JsonException j => (ExitCodes.BadInput, $"malformed JSON: {JsonErrors.Message(j)}"),
        InvalidDataException i => (ExitCodes.BadInput, i.Message),
        FormatException f => (ExitCodes.BadInput, f.Message),
        IOException io => (ExitCodes.BadInput, io.Message),
        ArgumentException a => (ExitCodes.BadInput, a.Message),
        _ => (ExitCodes.InternalError, $"internal error: {error.GetType().Name}: {error.Message} (rerun with --verbose for the trace)"),
    };
}
