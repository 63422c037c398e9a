using System.Text.Json;

namespace GateForge.Training.Checkpoints;

/// <summary>
/// <c>state.json</c> of a checkpoint: where training stands. Accuracies are fractions (0..1) of the
/// evaluation set; -1 before the first evaluation.
/// </summary>
public sealed record TrainingState
{
    public int Format { get; init; } = 1;
    public int InputBits { get; init; }
    /// <summary>Optimiser steps done.</summary>
    public int Step { get; init; }
    /// <summary>Steps the run was asked for (resuming continues up to it unless given more).</summary>
    public int TotalSteps { get; init; }
    public int BestStep { get; init; } = -1;
    /// <summary>Discrete accuracy of the best checkpoint on the set it was chosen on (<see cref="BestChosenOn"/>).</summary>
    public double BestDiscreteAccuracy { get; init; } = -1;
    /// <summary><see cref="ChosenOnValidation"/> (held-out training rows) or <see cref="ChosenOnTest"/>.</summary>
    public string BestChosenOn { get; init; } = ChosenOnTest;

    public const string ChosenOnValidation = "validation";
    public const string ChosenOnTest = "test";
    public double LastSoftAccuracy { get; init; } = -1;
    public double LastDiscreteAccuracy { get; init; } = -1;
    /// <summary>Seconds spent training, over all runs.</summary>
    public double Seconds { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TrainingState FromJson(string json, string source)
    {
        try
        {
            var s = JsonSerializer.Deserialize<TrainingState>(json, Json)
                ?? throw new TrainingException($"{source}: empty training state");
            if (s.Format != 1)
                throw new TrainingException($"{source}: unknown checkpoint format {s.Format}");
            if (s.InputBits < 1 || s.Step < 0)
                throw new TrainingException($"{source}: bad inputBits or step");
            return s;
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{source}: not a valid training state: {GateForge.Ir.JsonErrors.Message(e)}", e);
        }
    }
}
