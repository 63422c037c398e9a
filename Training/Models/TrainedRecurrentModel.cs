using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Runtime;
using GateForge.Training.Trainer;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A trained recurrent model without TorchSharp types (SPEC §8): config, input encoder (image rows),
/// weights (step layers, then readout layers) and the <see cref="DiscreteRecurrentNetwork"/> that
/// freezing and the sequential checks use.
/// </summary>
public sealed class TrainedRecurrentModel
{
    public TrainedRecurrentModel(ModelConfig config, InputEncoder? encoder, int stepBits, IReadOnlyList<LayerWeights> weights, int step)
    {
        if (config.Recurrent is null)
            throw new TrainingException("the model is not recurrent (no recurrent section in its config)");
        Checkpoint.CheckShape(config, stepBits, weights, "model");
        (Config, Encoder, StepBits, Weights, Step) = (config, encoder, stepBits, weights, step);
        Network = DiscreteRecurrentNetwork.FromWeights(config, stepBits, weights);
    }

    public ModelConfig Config { get; }
    public RecurrentConfig Recurrent => Config.Recurrent!;
    /// <summary>The encoder of image pixels to bits (<c>sequence: rows</c>); null when the data are bit streams.</summary>
    public InputEncoder? Encoder { get; }
    /// <summary>F: input bits per step.</summary>
    public int StepBits { get; }
    public IReadOnlyList<LayerWeights> Weights { get; }
    public int Step { get; }
    public DiscreteRecurrentNetwork Network { get; }

    /// <summary>Whether a checkpoint folder holds a recurrent model.</summary>
    public static bool IsRecurrentCheckpoint(string checkpointDir) =>
        ModelConfig.Load(Path.Combine(checkpointDir, Checkpoint.ConfigFile)).Recurrent is not null;

    /// <summary>The model of a checkpoint folder: its best weights when it has them, else the latest.</summary>
    public static TrainedRecurrentModel Load(string checkpointDir, bool best = true)
    {
        var checkpoint = Checkpoint.Load(checkpointDir);
        var useBest = best && checkpoint.Best is not null;
        return new TrainedRecurrentModel(checkpoint.Config, checkpoint.Encoder, checkpoint.State.InputBits,
            useBest ? checkpoint.Best! : checkpoint.Weights, useBest ? checkpoint.State.BestStep : checkpoint.State.Step);
    }

    /// <summary>Image data as row sequences through the model's encoder (<c>sequence: rows</c>).</summary>
    public SequenceSet Sequences(Dataset images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (Encoder is null || images.Image is null)
            throw new TrainingException($"data set {images.Name}: the model reads image rows through an encoder; it needs image data");
        return SequenceSet.FromImageRows(images.Name, Encoder.Encode(images), images.Labels, images.ClassCount, images.Image.Value);
    }

    /// <summary>Soft-mode classes (relaxed gates, no noise), with TorchSharp on the CPU.</summary>
    public int[] PredictSoft(SequenceSet set)
    {
        TorchRuntime.EnsureLoaded();
        using var model = RecurrentModel.FromWeights(Config, StepBits, Weights, CPU);
        return RecurrentTask.PredictSoft(model, set);
    }
}
