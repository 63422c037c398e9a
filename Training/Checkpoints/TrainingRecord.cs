using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Training.Checkpoints;

/// <summary>
/// <c>gateforge-train.json</c> of a checkpoint: the data set it was trained on (so freeze and
/// verify find the test set; <see cref="TrainOptions.Dataset"/>) and the dense loss curve, a point
/// per progress report (metrics.csv has a row per evaluation only). Written with the rest of the
/// checkpoint by <see cref="Checkpoint.Save"/>; a resumed run continues the curve.
/// </summary>
public sealed class TrainingRecord
{
    public const string FileName = "gateforge-train.json";

    /// <summary>The data set spec (<c>csv:</c>/<c>idx:</c> paths absolute); null when not known.</summary>
    public string? Dataset { get; set; }
    public List<int> Step { get; set; } = [];
    public List<double> Loss { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>The record of a checkpoint folder; null when it has none (a run outside `gateforge train`).</summary>
    public static TrainingRecord? Load(string checkpointDir)
    {
        var path = Path.Combine(checkpointDir, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize<TrainingRecord>(File.ReadAllText(path), Json)
                ?? throw new TrainingException($"{path}: empty training record");
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{path}: malformed: {GateForge.Ir.JsonErrors.Message(e)}", e);
        }
    }
}

/// <summary>A point of the training curve: the loss, and the test accuracies where the step was evaluated.</summary>
public sealed record CurvePoint(int Step, double Loss, double? SoftAccuracy, double? DiscreteAccuracy);
