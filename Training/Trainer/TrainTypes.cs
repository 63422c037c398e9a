using GateForge.Training.Models;

namespace GateForge.Training.Trainer;

/// <summary>Encoded samples: <see cref="Count"/> rows of <see cref="BitCount"/> 0/1 bytes, and their labels.</summary>
public sealed record EncodedSet(byte[] Bits, int[] Labels, int BitCount)
{
    /// <summary>The image the bits form (SPEC §7, encoder order), for conv and orpool layers; null for other data.</summary>
    public BitImage? Image { get; init; }

    public int Count => Labels.Length;
}

/// <summary>
/// Accuracies (fractions 0..1) of one evaluation on the test set: soft (relaxed gates) and discrete
/// (argmax gates); and the discrete accuracy on the validation rows when the config holds some out.
/// </summary>
public sealed record Evaluation(int Step, double SoftAccuracy, double DiscreteAccuracy, double? ValidationAccuracy = null)
{
    /// <summary>The discretisation gap in accuracy points (soft − discrete, ×100).</summary>
    public double GapPoints => 100 * (SoftAccuracy - DiscreteAccuracy);
}

/// <summary>One progress report: sent every <see cref="TrainOptions.ProgressEvery"/> steps and after each evaluation.</summary>
public sealed record TrainProgress(
    int Step, int TotalSteps, double Loss, double BatchAccuracy, double SamplesPerSecond, TimeSpan Elapsed, Evaluation? Evaluation);

/// <summary>How to run training (everything that is not part of the model's config).</summary>
public sealed record TrainOptions
{
    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Checkpoint folder, written at every evaluation and at the end; null keeps the model in memory only.</summary>
    public string? CheckpointDir { get; init; }
    /// <summary>The data set spec the checkpoint records (<see cref="Checkpoints.TrainingRecord"/>), so freeze finds the test set; null: none (a resumed run keeps the recorded one).</summary>
    public string? Dataset { get; init; }
    /// <summary>Continue from the checkpoint in <see cref="CheckpointDir"/> when it exists.</summary>
    public bool Resume { get; init; }
    public Action<TrainProgress>? Progress { get; init; }
    public int ProgressEvery { get; init; } = 10;
    /// <summary>Stop after this step even if the config asks for more (for tests of resuming); 0 = no limit.</summary>
    public int StopAfterStep { get; init; }
    public CancellationToken Cancellation { get; init; }
}

/// <summary>What a training run produced.</summary>
/// <param name="BestEvaluation">The test (and validation) accuracy of <paramref name="Best"/>'s step: the one to report.</param>
public sealed record TrainResult(
    TrainedModel Best, TrainedModel Last, Evaluation LastEvaluation, Evaluation BestEvaluation, int Steps, double Seconds, bool Cancelled);
