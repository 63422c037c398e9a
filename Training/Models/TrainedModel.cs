using GateForge.Ir;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A trained model without TorchSharp types: its config, input encoder, weights, and the
/// <see cref="DiscreteNetwork"/> (argmax gates) that freezing and every equivalence check use.
/// </summary>
public sealed class TrainedModel
{
    public TrainedModel(ModelConfig config, InputEncoder? encoder, int inputBits, IReadOnlyList<LayerWeights> weights, int step)
    {
        if (config.Recurrent is not null)
            throw new TrainingException("the model is recurrent: it is a TrainedRecurrentModel, not a dense network");
        Checkpoint.CheckShape(config, inputBits, weights, "model");
        (Config, Encoder, InputBits, Weights, Step) = (config, encoder, inputBits, weights, step);
        var iwp = config.Parametrization == ModelConfig.Iwp;
        Network = new DiscreteNetwork(inputBits, config.Classes, weights.Select(w => w.Discrete(iwp)).ToList());
    }

    public ModelConfig Config { get; }
    /// <summary>The encoder from raw features to input bits; null when the data were bits already.</summary>
    public InputEncoder? Encoder { get; }
    public int InputBits { get; }
    public IReadOnlyList<LayerWeights> Weights { get; }
    /// <summary>The training step these weights come from.</summary>
    public int Step { get; }
    public DiscreteNetwork Network { get; }

    /// <summary>The model of a checkpoint folder: its best weights when it has them, else the latest.</summary>
    public static TrainedModel Load(string checkpointDir, bool best = true) => FromCheckpoint(Checkpoint.Load(checkpointDir), best);

    public static TrainedModel FromCheckpoint(Checkpoint checkpoint, bool best = true)
    {
        var useBest = best && checkpoint.Best is not null;
        return new TrainedModel(checkpoint.Config, checkpoint.Encoder, checkpoint.State.InputBits,
            useBest ? checkpoint.Best! : checkpoint.Weights,
            useBest ? checkpoint.State.BestStep : checkpoint.State.Step);
    }

    /// <summary>The input bits of a data set (row-major, samples × InputBits) through the model's encoder.</summary>
    public byte[] Encode(Dataset data)
    {
        if (Encoder is null)
        {
            if (data.FeatureCount != InputBits)
                throw new TrainingException($"data set {data.Name} has {data.FeatureCount} features, the model takes {InputBits} bits");
            return data.Features.Select(v => v != 0f ? (byte)1 : (byte)0).ToArray();
        }
        if (data.FeatureCount != Encoder.FeatureCount)
            throw new TrainingException($"data set {data.Name} has {data.FeatureCount} features, the model's encoder takes {Encoder.FeatureCount}");
        return Encoder.Encode(data);
    }

    /// <summary>Discrete-mode scores (n × classes, row-major) and class ids for n rows of 0/1 bytes.</summary>
    public (int[] Scores, int[] ClassId) PredictDiscrete(byte[] bits, int n) => Network.Predict(bits, n);

    /// <summary>Discrete-mode outputs in the netlist's output order (scores bus, then class_id) for packed inputs.</summary>
    public PackedBits PredictPacked(PackedBits inputs) => Network.PredictPacked(inputs);

    /// <summary><see cref="PredictPacked"/> as the reference model of an equivalence check.</summary>
    public Func<PackedBits, PackedBits> AsEvaluator() => PredictPacked;

    /// <summary>Soft-mode class ids (relaxed gates, no noise) for n rows of 0/1 bytes, computed with TorchSharp on the CPU.</summary>
    public int[] PredictSoft(byte[] bits, int n)
    {
        TorchRuntime.EnsureLoaded();
        using var model = DlgnModel.FromWeights(Config, InputBits, Weights, CPU);
        return SoftEvaluator.Predict(model, bits, n, InputBits);
    }

    /// <summary>Soft and discrete accuracy on encoded samples.</summary>
    public Trainer.Evaluation Evaluate(byte[] bits, int[] labels)
    {
        var n = labels.Length;
        var soft = PredictSoft(bits, n);
        var (_, discrete) = PredictDiscrete(bits, n);
        return new Trainer.Evaluation(Step, Accuracy(soft, labels), Accuracy(discrete, labels));
    }

    /// <summary>Fraction of <paramref name="predicted"/> equal to <paramref name="labels"/>.</summary>
    public static double Accuracy(int[] predicted, int[] labels)
    {
        if (labels.Length == 0)
            return 0;
        var hits = 0;
        for (var i = 0; i < labels.Length; i++)
            if (predicted[i] == labels[i])
                hits++;
        return (double)hits / labels.Length;
    }
}

/// <summary>Batched soft-mode prediction with a TorchSharp model.</summary>
internal static class SoftEvaluator
{
    private const int Chunk = 1000;

    public static int[] Predict(DlgnModel model, byte[] bits, int n, int width)
    {
        var result = new int[n];
        using var _ = no_grad();
        for (var start = 0; start < n; start += Chunk)
        {
            using var scope = NewDisposeScope();
            var rows = Math.Min(Chunk, n - start);
            var slice = new byte[rows * width];
            Array.Copy(bits, (long)start * width, slice, 0, slice.Length);
            var x = tensor(slice, [rows, width], ScalarType.Byte, model.Device).to_type(ScalarType.Float32);
            var predicted = model.Forward(x, null).argmax(1).cpu().data<long>().ToArray();
            for (var i = 0; i < rows; i++)
                result[start + i] = (int)predicted[i];
        }
        return result;
    }
}
