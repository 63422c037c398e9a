using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Models;

namespace GateForge.Training.Trainer;

/// <summary>
/// Trains a <see cref="ModelConfig"/> with Adam and cross-entropy on the GroupSum scores.
/// <para>
/// Repeatability on the CPU: wiring, initial logits and the batch order come from .NET
/// <see cref="Random"/> seeded with the config's seed (the batch order of epoch e from seed and e);
/// the Gumbel noise of step s comes from a TorchSharp generator seeded with (seed, s). So a run is a
/// function of config and data, and a resumed run continues exactly where it stopped. With
/// <see cref="ModelConfig.Threads"/> = 1 the floating-point sums are also order-stable; with more
/// intra-op threads TorchSharp's CPU kernels have still given identical results here, but only one
/// thread is guaranteed.
/// </para>
/// </summary>
public static class DlgnTrainer
{
    /// <summary>
    /// Trains on a data split: holds out the config's validation rows, builds the input encoder from
    /// the rows trained on (or takes the checkpoint's when resuming), encodes the sets and trains.
    /// </summary>
    public static TrainResult Train(ModelConfig config, DataSplit data, TrainOptions options)
    {
        config.Validate();
        if (data.Train.ClassCount != config.Classes)
            throw new TrainingException($"data set {data.Train.Name} has {data.Train.ClassCount} classes, the config says {config.Classes}");
        InputEncoder? encoder = null;
        if (options.Resume && options.CheckpointDir is not null && Directory.Exists(options.CheckpointDir))
            encoder = Checkpoint.Load(options.CheckpointDir).Encoder;
        var (fit, validation) = config.Validation > 0
            ? Holdout.Split(data.Train, config.Validation, config.Seed)
            : (data.Train, null);
        encoder ??= MakeEncoder(config, fit);
        var image = BitImage.Of(data.Train.Image, encoder);
        EncodedSet Encode(Dataset d) => new(encoder.Encode(d), d.Labels, encoder.BitCount) { Image = image };
        // shifted copies of the rows trained on only: a validation digit's copies would leak into training
        var train = Encode(ShiftAugment.Apply(fit, config.ShiftAugment));
        return Train(config, encoder, train, Encode(data.Test), options, validation is null ? null : Encode(validation));
    }

    /// <summary>
    /// Rows <see cref="Train(ModelConfig, DataSplit, TrainOptions)"/> trains on from a training set of
    /// <paramref name="trainingRows"/>: less the validation rows, times the shifted copies of each.
    /// </summary>
    public static int RowsTrainedOn(ModelConfig config, int trainingRows) =>
        (trainingRows - Holdout.Count(trainingRows, config.Validation)) * ShiftAugment.RowsPerImage(config.ShiftAugment);

    /// <summary>The input encoder a config asks for, fitted to the training set.</summary>
    public static InputEncoder MakeEncoder(ModelConfig config, Dataset train)
    {
        // A conv tree is the same gates at every position, so an input bit must mean the same at every
        // pixel. mnist-10k, the mnist-conv front, 1,000 steps: 88.8 % discrete with per-pixel quantile
        // thresholds, 90.7 % with uniform ones. The recurrent step over rows also reads every row with
        // the same gates, but there per-pixel quantiles measured better (configs/recurrent-mnist.json,
        // 1,000 steps: 32.8 % vs 24.5 % uniform), so it keeps its choice.
        if (config.HasImageLayers() && config.EncoderMode == ModelConfig.EncoderQuantile)
            throw new TrainingException(
                "encoderMode quantile gives every pixel its own thresholds, but a conv tree reads every position and needs the same thresholds at each: use encoderMode uniform");
        var mode = config.EncoderMode == ModelConfig.EncoderQuantile ? ThresholdMode.Quantile : ThresholdMode.Uniform;
        return config.OneHot
            ? InputEncoder.Auto(train, config.EncoderBits, mode)
            : InputEncoder.Thermometer(train, config.EncoderBits, mode);
    }

    /// <summary>
    /// Trains on already encoded bits; <paramref name="encoder"/> is saved with the checkpoint (may be
    /// null). The best checkpoint is chosen on <paramref name="validation"/> when given, else on the test set.
    /// </summary>
    public static TrainResult Train(ModelConfig config, InputEncoder? encoder, EncodedSet train, EncodedSet test, TrainOptions options,
        EncodedSet? validation = null)
    {
        config.Validate();
        if (train.Count == 0)
            throw new TrainingException("the training set is empty");
        if (test.BitCount != train.BitCount)
            throw new TrainingException($"training set has {train.BitCount} bits per sample, test set {test.BitCount}");
        if (validation is not null && (validation.BitCount != train.BitCount || validation.Count == 0))
            throw new TrainingException($"validation set has {validation.Count} samples of {validation.BitCount} bits, the training set {train.BitCount} bits");
        var device = TrainingRun.Prepare(config, options);
        var checkpoint = TrainingRun.LoadForResume(config, train.BitCount, options);
        var model = checkpoint is null
            ? DlgnModel.Create(config, train.BitCount, train.Image, device)
            : DlgnModel.FromWeights(config, train.BitCount, checkpoint.Weights, device);
        using var task = new DenseTask(model, train, test, validation, device);
        var outcome = TrainingRun.Execute(config, encoder, task, options, checkpoint);
        var (best, last) = outcome.Models((w, step) => new TrainedModel(config, encoder, train.BitCount, w, step));
        return new TrainResult(best, last, outcome.LastEvaluation, outcome.BestEvaluation, outcome.Steps, outcome.Seconds, outcome.Cancelled);
    }

}
