using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Models;

namespace GateForge.Training.Trainer;

/// <summary>
/// Trains a recurrent model (SPEC §8) with the shared loop (<see cref="TrainingRun"/>): on bit
/// sequences (the stream tasks), or on image data read row by row (<c>recurrent.sequence: rows</c>).
/// </summary>
public static class RecurrentTrainer
{
    /// <summary>Trains on bit sequences; the best is chosen on the config's validation share of the training sequences.</summary>
    public static RecurrentTrainResult Train(ModelConfig config, SequenceSplit data, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (fit, validation) = config.Validation > 0
            ? Holdout.Split(data.Train, config.Validation, config.Seed)
            : (data.Train, null);
        return Train(config, null, fit, data.Test, validation, options);
    }

    /// <summary>
    /// Trains on image data read one row per step: holds out the validation rows, fits the encoder
    /// on the rest (or takes the checkpoint's when resuming), and encodes every image as H steps.
    /// </summary>
    public static RecurrentTrainResult Train(ModelConfig config, DataSplit data, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        config.Validate();
        if (config.Recurrent?.Sequence != RecurrentConfig.SequenceRows || data.Train.Image is not { } shape)
            throw new TrainingException($"data set {data.Train.Name}: a recurrent model on table data needs image data and recurrent.sequence = rows");
        InputEncoder? encoder = null;
        if (options.Resume && options.CheckpointDir is not null && Directory.Exists(options.CheckpointDir))
            encoder = Checkpoints.Checkpoint.Load(options.CheckpointDir).Encoder;
        var (fit, validation) = config.Validation > 0
            ? Holdout.Split(data.Train, config.Validation, config.Seed)
            : (data.Train, null);
        encoder ??= DlgnTrainer.MakeEncoder(config, fit);
        SequenceSet Rows(Dataset d) => SequenceSet.FromImageRows(d.Name, encoder.Encode(d), d.Labels, d.ClassCount, shape);
        return Train(config, encoder, Rows(fit), Rows(data.Test), validation is null ? null : Rows(validation), options);
    }

    private static RecurrentTrainResult Train(ModelConfig config, InputEncoder? encoder, SequenceSet train, SequenceSet test,
        SequenceSet? validation, TrainOptions options)
    {
        config.Validate();
        if (config.Recurrent is null)
            throw new TrainingException("the model config has no recurrent section");
        if (train.ClassCount != config.Classes)
            throw new TrainingException($"data set {train.Name} has {train.ClassCount} classes, the config says {config.Classes}");
        if (train.Count == 0)
            throw new TrainingException("the training set is empty");
        if (test.StepBits != train.StepBits || (validation is not null && validation.StepBits != train.StepBits))
            throw new TrainingException($"the training sequences have {train.StepBits} bits per step, the test or validation sequences {test.StepBits}");
        var device = TrainingRun.Prepare(config, options);
        var checkpoint = TrainingRun.LoadForResume(config, train.StepBits, options);
        var model = checkpoint is null
            ? RecurrentModel.Create(config, train.StepBits, device)
            : RecurrentModel.FromWeights(config, train.StepBits, checkpoint.Weights, device);
        using var task = new RecurrentTask(model, train, test, validation);
        var outcome = TrainingRun.Execute(config, encoder, task, options, checkpoint);
        var (best, last) = outcome.Models((w, step) => new TrainedRecurrentModel(config, encoder, train.StepBits, w, step));
        return new RecurrentTrainResult(best, last, outcome.LastEvaluation, outcome.BestEvaluation, outcome.Steps, outcome.Seconds, outcome.Cancelled);
    }
}

/// <summary>What a recurrent training run produced.</summary>
/// <param name="BestEvaluation">The test (and validation) accuracy of <paramref name="Best"/>'s step: the one to report.</param>
public sealed record RecurrentTrainResult(
    TrainedRecurrentModel Best, TrainedRecurrentModel Last, Evaluation LastEvaluation, Evaluation BestEvaluation, int Steps, double Seconds, bool Cancelled);
