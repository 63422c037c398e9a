using GateForge.Training.Models;
using static TorchSharp.torch;

namespace GateForge.Training.Trainer;

/// <summary>A <see cref="DlgnModel"/> on encoded samples: the dense family's side of the training loop.</summary>
internal sealed class DenseTask : ITrainingTask
{
    private readonly DlgnModel _model;
    private readonly EncodedSet _test;
    private readonly EncodedSet? _validation;
    private readonly Tensor _trainX;
    private readonly Tensor _trainY;

    public DenseTask(DlgnModel model, EncodedSet train, EncodedSet test, EncodedSet? validation, Device device)
    {
        _model = model;
        _test = test;
        _validation = validation;
        TrainCount = train.Count;
        InputBits = train.BitCount;
        _trainX = tensor(train.Bits, [train.Count, train.BitCount], ScalarType.Byte, device);
        _trainY = tensor(train.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64, device);
    }

    public int TrainCount { get; }
    public int InputBits { get; }
    public bool HasValidation => _validation is not null;
    public Device Device => _model.Device;
    public IEnumerable<Tensor> Parameters => _model.Parameters;

    public (Tensor Scores, Tensor Labels) Batch(long[] rows, UniformNoise? noise)
    {
        var index = tensor(rows, ScalarType.Int64, _model.Device);
        var x = _trainX.index_select(0, index).to_type(ScalarType.Float32);
        return (_model.Forward(x, noise), _trainY.index_select(0, index));
    }

    public Evaluation Evaluate(int step)
    {
        var soft = SoftEvaluator.Predict(_model, _test.Bits, _test.Count, _test.BitCount);
        var network = _model.Freeze();
        var (_, discrete) = network.Predict(_test.Bits, _test.Count);
        double? held = _validation is null
            ? null
            : TrainedModel.Accuracy(network.Predict(_validation.Bits, _validation.Count).ClassId, _validation.Labels);
        return new Evaluation(step, TrainedModel.Accuracy(soft, _test.Labels), TrainedModel.Accuracy(discrete, _test.Labels), held);
    }

    public IReadOnlyList<LayerWeights> Weights() => _model.Weights();

    public void Dispose()
    {
        _trainX.Dispose();
        _trainY.Dispose();
        _model.Dispose();
    }
}
