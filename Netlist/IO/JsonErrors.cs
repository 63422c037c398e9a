using System.Text.Json;

namespace GateForge.Ir;

/// <summary>
/// The message of a <see cref="JsonException"/> made fit for one error line. System.Text.Json
/// quotes the offending text between apostrophes (for a bad literal: the rest of the file, 582 KB
/// for one fuzzed netlist) and appends its own position; the quote becomes an <see cref="Excerpt"/>
/// and the position is dropped (the caller names line and byte).
/// </summary>
public static class JsonErrors
{
    public static string Message(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        // "'<input>' is an invalid JSON literal. Expected the literal 'false'.": the input may hold apostrophes.
        var close = message.StartsWith('\'') ? message.IndexOf("' is ", 1, StringComparison.Ordinal) : -1;
        if (close > 0)
            message = "'" + Excerpt.Of(message[1..close]) + message[close..];
        return Excerpt.OneLine(message);
    }
}
