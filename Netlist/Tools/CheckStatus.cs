using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Ir.Tools;

/// <summary>The verdict of a check or tool step; in JSON a lower-case string (<c>pass</c>, <c>fail</c>, <c>skipped</c>).</summary>
[JsonConverter(typeof(CheckStatusJsonConverter))]
public enum CheckStatus
{
    Pass,
    Fail,
    Skipped,
}

/// <summary>Writes and reads <see cref="CheckStatus"/> as its lower-case name.</summary>
public sealed class CheckStatusJsonConverter() : JsonStringEnumConverter<CheckStatus>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

public static class CheckStatusText
{
    /// <summary>The lower-case name, as report.json writes it (<c>pass</c>, <c>fail</c>, <c>skipped</c>).</summary>
    public static string Text(this CheckStatus status) => status.ToString().ToLowerInvariant();
}
