using System.Text.Json.Serialization;
using System.Text.Json;
using GateForge.Ir;

namespace GateForge.Flow.Reports;

/// <summary>Reads and writes <c>report.json</c> (source-generated serializer, snake_case keys).</summary>
public static class ReportJson
{
    public const string FileName = Names.Files.Report;

    public static string ToJson(DesignReport report) =>
        JsonSerializer.Serialize(report, ReportJsonContext.Default.DesignReport) + "\n";

    public static DesignReport Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ReportJsonContext.Default.DesignReport)
                ?? throw new InvalidDataException($"{source}: report is empty (null)");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a GateForge report: {Ir.JsonErrors.Message(e)}", e);
        }
    }

    public static DesignReport Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"report '{path}' does not exist", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>The report in <paramref name="folder"/>, or a new one named after the folder.</summary>
    public static DesignReport LoadOrNew(string folder, string design)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Load(path) : new DesignReport { Design = design };
    }

    public static void Save(DesignReport report, string path) => AtomicOutput.WriteText(path, ToJson(report));
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DesignReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
