using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

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
        if (InUserTerms(e) is { } plain)
            return plain;
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

    /// <summary>
    /// The serializer's two messages that name .NET members and types ("The JSON property 'x' could not
    /// be mapped to any .NET member contained in type 'GateForge…'", "The JSON value could not be
    /// converted to System.Int32. Path: $.steps") said in the config's own terms; null for others.
    /// </summary>
    private static string? InUserTerms(JsonException e)
    {
        var message = e.Message;
        const string Unmapped = "The JSON property '";
        if (message.StartsWith(Unmapped, StringComparison.Ordinal) && message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var end = message.IndexOf("' could not", Unmapped.Length, StringComparison.Ordinal);
            var key = end > 0 ? message[Unmapped.Length..end] : "?";
            return $"unknown key '{Excerpt.Of(key)}'{At(e.Path, key)}";
        }
        const string Convert = "The JSON value could not be converted to ";
        if (message.StartsWith(Convert, StringComparison.Ordinal))
        {
            var type = message[Convert.Length..].Split(['.', ' '], StringSplitOptions.None) switch
            {
                ["System", var t, ..] => t,
                _ => "",
            };
            var expected = type switch
            {
                "Int32" or "Int64" or "Int16" or "Byte" or "UInt32" or "UInt64" => "a whole number",
                "Single" or "Double" or "Decimal" => "a number",
                "Boolean" => "true or false",
                "String" => "a string",
                _ when EnumNames(message[Convert.Length..]) is { } names => names,
                _ when message.Contains("[]", StringComparison.Ordinal) || message.Contains("List`1", StringComparison.Ordinal) => "a list",
                _ => "another kind of value",
            };
            var path = e.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : e.Path ?? "";
            return $"'{Excerpt.Of(path)}' must be {expected}";
        }
        return null;
    }

    /// <summary>
    /// "a or b" for an enum read by name (the names a config writes: each member's
    /// <see cref="JsonStringEnumMemberNameAttribute"/>, else its own name), found by the full type name
    /// that starts <paramref name="rest"/> ("GateForge.Training.Models.LearningRateSchedule. Path: …");
    /// null when that is no loaded enum.
    /// </summary>
    private static string? EnumNames(string rest)
    {
        var end = rest.IndexOf(". Path:", StringComparison.Ordinal);
        var name = end > 0 ? rest[..end] : rest.TrimEnd('.');
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(a => a.GetType(name, throwOnError: false))
            .FirstOrDefault(t => t is { IsEnum: true });
        if (type is null)
            return null;
        var names = type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name)
            .ToList();
        return names.Count switch
        {
            0 => null,
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    /// <summary>" (in 'a.b')" when the unknown key sits inside an object, else nothing.</summary>
    private static string At(string? path, string key)
    {
        if (path is not { Length: > 2 } p || !p.StartsWith("$.", StringComparison.Ordinal))
            return "";
        var inner = p[2..];
        return inner == key || !inner.EndsWith("." + key, StringComparison.Ordinal) ? "" : $" (in '{Excerpt.Of(inner[..^(key.Length + 1)])}')";
    }
}
