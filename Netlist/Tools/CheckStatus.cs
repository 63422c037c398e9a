using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Ir.Tools;

/// <summary>The verdict of a check or tool step; in JSON a lower-case string (<c>pass</c>, <c>fail</c>, <c>skipped</c>).</summary>
[JsonConverter(typeof(LowerCaseEnumConverter<CheckStatus>))]
public enum CheckStatus
{
    Pass,
    Fail,
    Skipped,
}

/// <summary>Writes and reads an enum (<see cref="CheckStatus"/>, Flow's synthesis status, the manifest's file kinds) as its snake_case name; numbers are refused.</summary>
public sealed class LowerCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

public static class StatusText
{
    /// <summary>A status's lower-case name, as report.json writes it (<c>pass</c>, <c>fail</c>, <c>skipped</c>; <c>ok</c>, <c>timeout</c>, …).</summary>
    public static string Text<T>(this T status) where T : struct, Enum => status.ToString().ToLowerInvariant();
}
