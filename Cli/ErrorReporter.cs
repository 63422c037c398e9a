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
    public static int Report(Exception error, TextWriter stderr, bool verbose)
    {
        var (code, line) = Classify(error);
        stderr.WriteLine($"gateforge: {line}");
        if (verbose)
            stderr.WriteLine(error.ToString());
        return code;
    }

    private static (int Code, string Line) Classify(Exception error) => error switch
    {
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled; no output was written"),
        VerificationFailedException v => (ExitCodes.VerificationFailed, v.Message),
        FlowUsageException u => (ExitCodes.BadInput, u.Message),
        NetlistException n => (ExitCodes.BadInput, n.Message),
        TrainingException t => (ExitCodes.BadInput, t.Message),
        DataFormatException d => (ExitCodes.BadInput, d.Message),
        FileNotFoundException f => (ExitCodes.BadInput, f.FileName is { } name && !f.Message.Contains(name, StringComparison.Ordinal)
            ? $"{f.Message} ({name})" : f.Message),
        DirectoryNotFoundException d => (ExitCodes.BadInput, d.Message),
        UnauthorizedAccessException a => (ExitCodes.BadInput, a.Message),
        JsonException j => (ExitCodes.BadInput, $"malformed JSON: {j.Message}"),
        InvalidDataException i => (ExitCodes.BadInput, i.Message),
        FormatException f => (ExitCodes.BadInput, f.Message),
        IOException io => (ExitCodes.BadInput, io.Message),
        ArgumentException a => (ExitCodes.BadInput, a.Message),
        _ => (ExitCodes.InternalError, $"internal error: {error.GetType().Name}: {error.Message} (rerun with --verbose for the trace)"),
    };
}
