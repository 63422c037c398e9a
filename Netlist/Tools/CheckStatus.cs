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

internal sealed class CheckStatusJsonConverter() : JsonStringEnumConverter<CheckStatus>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
