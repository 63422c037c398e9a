using GateForge.Training.Models;
using static TorchSharp.torch;

namespace GateForge.Training.Trainer;

/// <summary>
/// What <see cref="TrainingRun"/>'s loop needs from a model family and its data: the parameters,
/// the scores of a batch of training rows, an evaluation, and the weights to keep. A dense network
/// (<see cref="DenseTask"/>) and a recurrent one (<see cref="RecurrentTask"/>) share the loop,
/// Adam, the batch order, the Gumbel noise per step, checkpoints and metrics.
/// </summary>
internal interface ITrainingTask : IDisposable
{
    /// <summary>Training rows (samples or sequences).</summary>
    int TrainCount { get; }
    /// <summary>Input bits per sample (dense) or per step (recurrent), recorded in the checkpoint.</summary>
    int InputBits { get; }
    bool HasValidation { get; }
    Device Device { get; }
    IEnumerable<Tensor> Parameters { get; }
    /// <summary>Scores (batch × classes, divided by tau) and labels of the given training rows.</summary>
    (Tensor Scores, Tensor Labels) Batch(long[] rows, UniformNoise? noise);
    /// <summary>Soft and discrete accuracy on the test set, discrete on the validation rows when there are any.</summary>
    Evaluation Evaluate(int step);
    IReadOnlyList<LayerWeights> Weights();
}

/// <summary>What one run of the loop produced: the last and the best weights, and how it went.</summary>
/// <param name="KeptEvaluation">The evaluation of the kept best step (null when none was kept).</param>
internal sealed record RunOutcome(
    IReadOnlyList<LayerWeights> LastWeights, IReadOnlyList<LayerWeights>? BestWeights, int BestStep,
    Evaluation LastEvaluation, Evaluation? KeptEvaluation, int Steps, double Seconds, bool Cancelled)
{
    /// <summary>The evaluation of the best model's step: the last one when no best was kept (the best is then the last).</summary>
    public Evaluation BestEvaluation => KeptEvaluation ?? LastEvaluation;

    /// <summary>The best and the last model, made by <paramref name="model"/> from weights and step (the best is the last when none was kept).</summary>
    public (T Best, T Last) Models<T>(Func<IReadOnlyList<LayerWeights>, int, T> model)
    {
        var last = model(LastWeights, Steps);
        return (BestWeights is null ? last : model(BestWeights, BestStep), last);
    }
}
