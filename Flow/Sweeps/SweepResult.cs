using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Flow.Sweeps;

/// <summary>
/// One finished point: its parameters and what it measured. Accuracy is the DISCRETE test accuracy
/// of the checkpoint chosen on held-out training rows (the netlist's accuracy), soft beside it;
/// gates and depth after the sweep's optimisation; LUT6 from ABC <c>if -K 6</c>; latency the
/// pipelined top's cycles.
/// </summary>
public sealed record SweepResult
{
    public required int Index { get; init; }
    public required string Key { get; init; }
    public required SweepParameters Parameters { get; init; }
    /// <summary>Steps trained (a time budget may stop before the configured steps).</summary>
    public required int Steps { get; init; }
    /// <summary>The step of the checkpoint chosen (the best on validation rows; the last one without).</summary>
    public required int CheckpointStep { get; init; }
    /// <summary>What the checkpoint was chosen on: <c>validation</c> (held-out training rows) or <c>test</c>.</summary>
    public required string ChosenOn { get; init; }
    public required double DiscreteAccuracy { get; init; }
    public required double SoftAccuracy { get; init; }
    public required int Gates { get; init; }
    public required int Depth { get; init; }
    public required long Lut6 { get; init; }
    /// <summary>Clock cycles of the pipelined top (a register stage every <see cref="PipelineEvery"/> levels).</summary>
    public required int LatencyCycles { get; init; }
    public required int PipelineEvery { get; init; }
    /// <summary>Gates of the GroupSum head (popcounts and argmax) after optimisation, null when the parts could not be carried over.</summary>
    public int? HeadGates { get; init; }
    public required double TrainSeconds { get; init; }
    /// <summary>Seconds of freeze, optimisation, LUT mapping and the area attribution together.</summary>
    public required double HardwareSeconds { get; init; }

    /// <summary>The head's share of the gates (0..1), null when unknown.</summary>
    [JsonIgnore]
    public double? HeadShare => HeadGates is { } h && Gates > 0 ? (double)h / Gates : null;

    public const string FileName = "result.json";

    public string ToJson() => JsonSerializer.Serialize(this, SweepJson.Default.SweepResult) + "\n";

    /// <summary>A point's saved result, or null when the file does not hold one (a damaged file is redone, not trusted).</summary>
    public static SweepResult? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize(File.ReadAllText(path), SweepJson.Default.SweepResult) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The sweep's table: <c>results.csv</c> and <c>results.json</c>, one row per finished point in grid order.</summary>
public static class SweepTable
{
    public const string CsvFile = "results.csv";
    public const string JsonFile = "results.json";

    private static readonly string[] Columns =
    [
        "index", "family", "layers", "neurons", "last_per_class", "last_width", "encoder_bits", "tau", "steps",
        "checkpoint_step", "chosen_on", "discrete_accuracy", "soft_accuracy", "gates", "depth", "lut6",
        "latency_cycles", "pipeline_every", "head_gates", "head_share", "train_seconds", "hardware_seconds", "key",
    ];

    public static string Csv(IEnumerable<SweepResult> results)
    {
        var csv = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var r in results)
        {
            var p = r.Parameters;
            object?[] cells =
            [
                r.Index, p.FamilyName, p.Layers, p.Neurons, p.LastPerClass, p.LastWidth, p.EncoderBits, p.Tau, r.Steps,
                r.CheckpointStep, r.ChosenOn, Math.Round(r.DiscreteAccuracy, 6), Math.Round(r.SoftAccuracy, 6), r.Gates, r.Depth, r.Lut6,
                r.LatencyCycles, r.PipelineEvery, r.HeadGates, r.HeadShare is { } s ? Math.Round(s, 4) : null,
                Math.Round(r.TrainSeconds, 2), Math.Round(r.HardwareSeconds, 2), r.Key[..10],
            ];
            csv.AppendJoin(',', cells.Select(c => Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")).Append('\n');
        }
        return csv.ToString();
    }

    public static string Json(IReadOnlyList<SweepResult> results) =>
        JsonSerializer.Serialize(results, SweepJson.Default.IReadOnlyListSweepResult) + "\n";

    public static IReadOnlyList<SweepResult> ParseJson(string json) =>
        JsonSerializer.Deserialize(json, SweepJson.Default.IReadOnlyListSweepResult) ?? [];
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SweepResult))]
[JsonSerializable(typeof(IReadOnlyList<SweepResult>))]
internal sealed partial class SweepJson : JsonSerializerContext;
