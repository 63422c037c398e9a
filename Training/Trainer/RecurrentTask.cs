using GateForge.Training.Data;
using GateForge.Training.Models;
using static TorchSharp.torch;

namespace GateForge.Training.Trainer;

/// <summary>A <see cref="RecurrentModel"/> on bit sequences: the recurrent family's side of the training loop.</summary>
internal sealed class RecurrentTask : ITrainingTask
{
    private const int EvaluationChunk = 500;

    private readonly RecurrentModel _model;
    private readonly SequenceSet _train;
    private readonly SequenceSet _test;
    private readonly SequenceSet? _validation;

    public RecurrentTask(RecurrentModel model, SequenceSet train, SequenceSet test, SequenceSet? validation)
    {
        _model = model;
        _train = train;
        _test = test;
        _validation = validation;
    }

    public int TrainCount => _train.Count;
    public int InputBits => _train.StepBits;
    public bool HasValidation => _validation is not null;
    public Device Device => _model.Device;
    public IEnumerable<Tensor> Parameters => _model.Parameters;

    public (Tensor Scores, Tensor Labels) Batch(long[] rows, UniformNoise? noise)
    {
        var (x, mask) = Padded(_train, rows.Select(r => (int)r).ToArray(), _model.Device);
        var y = tensor(rows.Select(r => (long)_train.Labels[r]).ToArray(), ScalarType.Int64, _model.Device);
        return (_model.Forward(x, mask, noise), y);
    }

    /// <summary>
    /// The samples as batch × T × F floats (T = the longest of them; steps past a sample's end are 0)
    /// and the batch × T mask of its steps.
    /// </summary>
    internal static (Tensor X, Tensor Mask) Padded(SequenceSet set, int[] rows, Device device)
    {
        var steps = rows.Max(r => set.Lengths[r]);
        var f = set.StepBits;
        var x = new byte[rows.Length * steps * f];
        var mask = new float[rows.Length * steps];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            Array.Copy(set.Bits, set.Starts[r] * f, x, i * steps * f, set.Lengths[r] * f);
            for (var t = 0; t < set.Lengths[r]; t++)
                mask[i * steps + t] = 1;
        }
        return (tensor(x, [rows.Length, steps, f], ScalarType.Byte, device).to_type(ScalarType.Float32),
            tensor(mask, [rows.Length, steps], ScalarType.Float32, device));
    }

    /// <summary>Soft-mode classes (relaxed gates, no noise) of every sequence.</summary>
    internal static int[] PredictSoft(RecurrentModel model, SequenceSet set)
    {
        var result = new int[set.Count];
        using var _ = no_grad();
        for (var start = 0; start < set.Count; start += EvaluationChunk)
        {
            using var scope = NewDisposeScope();
            var rows = Enumerable.Range(start, Math.Min(EvaluationChunk, set.Count - start)).ToArray();
            var (x, mask) = Padded(set, rows, model.Device);
            var predicted = model.Forward(x, mask, null).argmax(1).cpu().data<long>().ToArray();
            for (var i = 0; i < rows.Length; i++)
                result[start + i] = (int)predicted[i];
        }
        return result;
    }

    public Evaluation Evaluate(int step)
    {
        var soft = PredictSoft(_model, _test);
        var network = _model.Freeze();
        var discrete = network.Predict(_test).ClassId;
        double? held = _validation is null ? null : TrainedModel.Accuracy(network.Predict(_validation).ClassId, _validation.Labels);
        return new Evaluation(step, TrainedModel.Accuracy(soft, _test.Labels), TrainedModel.Accuracy(discrete, _test.Labels), held);
    }

    public IReadOnlyList<LayerWeights> Weights() => _model.Weights();

    public void Dispose() => _model.Dispose();
}
