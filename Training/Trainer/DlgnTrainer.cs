using System.Diagnostics;
using System.Globalization;
using System.Text;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Models;
using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

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
    private const string MetricsHeaderWithoutValidation = "step,epoch,loss,batch_accuracy,soft_accuracy,discrete_accuracy,gap_points,samples_per_second,seconds";
    private const string MetricsHeader = MetricsHeaderWithoutValidation + ",validation_accuracy";

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
        var mode = config.EncoderMode == "quantile" ? ThresholdMode.Quantile : ThresholdMode.Uniform;
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
        TorchRuntime.EnsureLoaded();
        if (config.Threads > 0)
            torch.set_num_threads(config.Threads);
        var device = TorchRuntime.ResolveDevice(options.Device);

        var checkpoint = LoadForResume(config, train.BitCount, options);
        using var model = checkpoint is null
            ? DlgnModel.Create(config, train.BitCount, train.Image, device)
            : DlgnModel.FromWeights(config, train.BitCount, checkpoint.Weights, device);
        using var optimizer = new AdamOptimizer(model.Parameters);
        if (checkpoint?.Optimizer is not null)
            optimizer.Restore(checkpoint.Optimizer);

        var run = new Run(config, encoder, model, optimizer, train, test, validation, options, device, checkpoint);
        return run.Execute();
    }

    private static Checkpoint? LoadForResume(ModelConfig config, int inputBits, TrainOptions options)
    {
        if (!options.Resume || options.CheckpointDir is null || !Directory.Exists(options.CheckpointDir))
            return null;
        var checkpoint = Checkpoint.Load(options.CheckpointDir);
        var difference = config.ArchitectureDifference(checkpoint.Config);
        if (difference is not null)
            throw new TrainingException($"{options.CheckpointDir}: checkpoint comes from another model config ({difference})");
        if (checkpoint.State.InputBits != inputBits)
            throw new TrainingException($"{options.CheckpointDir}: checkpoint takes {checkpoint.State.InputBits} input bits, the data have {inputBits}");
        return checkpoint;
    }

    /// <summary>One training run's mutable state.</summary>
    private sealed class Run
    {
        private readonly ModelConfig _config;
        private readonly InputEncoder? _encoder;
        private readonly DlgnModel _model;
        private readonly AdamOptimizer _optimizer;
        private readonly EncodedSet _train;
        private readonly EncodedSet _test;
        private readonly EncodedSet? _validation;
        private readonly TrainOptions _options;
        private readonly Device _device;
        private readonly StringBuilder _metrics;
        private readonly double _previousSeconds;
        private int _step;
        private IReadOnlyList<LayerWeights>? _best;
        private int _bestStep = -1;
        private double _bestAccuracy = -1;
        private Evaluation? _last;
        private int[] _order = [];
        private int _orderEpoch = -1;

        public Run(ModelConfig config, InputEncoder? encoder, DlgnModel model, AdamOptimizer optimizer,
            EncodedSet train, EncodedSet test, EncodedSet? validation, TrainOptions options, Device device, Checkpoint? checkpoint)
        {
            _config = config;
            _encoder = encoder;
            _model = model;
            _optimizer = optimizer;
            _train = train;
            _test = test;
            _validation = validation;
            _options = options;
            _device = device;
            _metrics = new StringBuilder();
            if (checkpoint is null)
            {
                _metrics.Append(MetricsHeader).Append('\n');
                return;
            }
            _metrics.Append(checkpoint.MetricsCsv.Length > 0 ? WithValidationColumn(checkpoint.MetricsCsv) : MetricsHeader + "\n");
            _step = checkpoint.State.Step;
            _best = checkpoint.Best;
            _bestStep = checkpoint.State.BestStep;
            _bestAccuracy = checkpoint.State.BestDiscreteAccuracy;
            _previousSeconds = checkpoint.State.Seconds;
            if (checkpoint.State.LastDiscreteAccuracy >= 0)
                _last = new Evaluation(_step, checkpoint.State.LastSoftAccuracy, checkpoint.State.LastDiscreteAccuracy);
        }

        public TrainResult Execute()
        {
            var total = _config.TotalSteps(_train.Count);
            var stopAt = _options.StopAfterStep > 0 ? Math.Min(total, _options.StopAfterStep) : total;
            using var trainX = tensor(_train.Bits, [_train.Count, _train.BitCount], ScalarType.Byte, _device);
            using var trainY = tensor(_train.Labels.Select(l => (long)l).ToArray(), ScalarType.Int64, _device);
            var clock = Stopwatch.StartNew();
            var windowLoss = 0.0;
            var windowHits = 0L;
            var windowSamples = 0L;
            var windowSteps = 0;
            var windowClock = Stopwatch.StartNew();
            var cancelled = false;
            while (_step < stopAt)
            {
                if (_options.Cancellation.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }
                var (loss, hits, samples) = TrainStep(trainX, trainY);
                _step++;
                windowLoss += loss;
                windowHits += hits;
                windowSamples += samples;
                windowSteps++;
                var evaluate = _step % _config.EvalEvery == 0 || _step == stopAt;
                Evaluation? evaluation = null;
                var rate = windowSamples / Math.Max(windowClock.Elapsed.TotalSeconds, 1e-9);
                if (evaluate)
                {
                    evaluation = EvaluateAndKeepBest();
                    AppendMetrics(windowLoss / windowSteps, (double)windowHits / windowSamples, evaluation, rate, _previousSeconds + clock.Elapsed.TotalSeconds);
                    if (_options.CheckpointDir is not null)
                        Save(_options.CheckpointDir, total, _previousSeconds + clock.Elapsed.TotalSeconds);
                }
                if (evaluate || _step % _options.ProgressEvery == 0)
                {
                    _options.Progress?.Invoke(new TrainProgress(_step, total, windowLoss / windowSteps,
                        (double)windowHits / windowSamples, rate, clock.Elapsed, evaluation));
                    windowLoss = 0;
                    windowHits = 0;
                    windowSamples = 0;
                    windowSteps = 0;
                    windowClock.Restart();
                }
            }
            var seconds = _previousSeconds + clock.Elapsed.TotalSeconds;
            if (_last is null || _last.Step != _step)
                _last = EvaluateAndKeepBest();
            if (_options.CheckpointDir is not null)
                Save(_options.CheckpointDir, total, seconds);
            var lastModel = new TrainedModel(_config, _encoder, _train.BitCount, _model.Weights(), _step);
            var bestModel = _best is null ? lastModel : new TrainedModel(_config, _encoder, _train.BitCount, _best, _bestStep);
            return new TrainResult(bestModel, lastModel, _last, _step, seconds, cancelled);
        }

        private (double Loss, long Hits, int Samples) TrainStep(Tensor trainX, Tensor trainY)
        {
            using var scope = NewDisposeScope();
            var rows = BatchRows(_step);
            var index = tensor(rows, ScalarType.Int64, _device);
            var x = trainX.index_select(0, index).to_type(ScalarType.Float32);
            var y = trainY.index_select(0, index);
            using var noise = _config.Gumbel ? NoiseFor(_step) : null;
            var scores = _model.Forward(x, noise);
            var loss = nn.functional.cross_entropy(scores, y);
            _optimizer.ZeroGrad();
            loss.backward();
            _optimizer.Step(_config.LearningRate);
            var hits = scores.argmax(1).eq(y).sum().item<long>();
            return (loss.item<float>(), hits, rows.Length);
        }

        // Rows of the batch for a step: epoch e's order is a shuffle seeded by (seed, e).
        private long[] BatchRows(int step)
        {
            var n = _train.Count;
            var batch = Math.Min(_config.BatchSize, n);
            var perEpoch = (n + batch - 1) / batch;
            var epoch = step / perEpoch;
            var within = step % perEpoch;
            if (epoch != _orderEpoch)
            {
                _order = Enumerable.Range(0, n).ToArray();
                new Random(unchecked(_config.Seed * 1_000_003 + epoch * 7919 + 0x5EED)).Shuffle(_order);
                _orderEpoch = epoch;
            }
            var start = within * batch;
            var count = Math.Min(batch, n - start);
            var rows = new long[count];
            for (var i = 0; i < count; i++)
                rows[i] = _order[start + i];
            return rows;
        }

        private UniformNoise NoiseFor(int step)
        {
            var seed = (ulong)(uint)_config.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)step * 0xBF58476D1CE4E5B9UL;
            return UniformNoise.Create(seed, _device);
        }

        private Evaluation EvaluateAndKeepBest()
        {
            var soft = SoftEvaluator.Predict(_model, _test.Bits, _test.Count, _test.BitCount);
            var network = _model.Freeze();
            var (_, discrete) = network.Predict(_test.Bits, _test.Count);
            double? held = null;
            if (_validation is not null)
                held = TrainedModel.Accuracy(network.Predict(_validation.Bits, _validation.Count).ClassId, _validation.Labels);
            var evaluation = new Evaluation(_step, TrainedModel.Accuracy(soft, _test.Labels), TrainedModel.Accuracy(discrete, _test.Labels), held);
            var score = held ?? evaluation.DiscreteAccuracy;
            if (score > _bestAccuracy)
            {
                _bestAccuracy = score;
                _bestStep = _step;
                _best = _model.Weights();
            }
            _last = evaluation;
            return evaluation;
        }

        private void AppendMetrics(double loss, double batchAccuracy, Evaluation e, double rate, double seconds)
        {
            var perEpoch = (_train.Count + _config.BatchSize - 1) / _config.BatchSize;
            _metrics.Append(string.Create(CultureInfo.InvariantCulture,
                $"{_step},{(double)_step / perEpoch:F3},{loss:G6},{batchAccuracy:F4},{e.SoftAccuracy:F4},{e.DiscreteAccuracy:F4},{e.GapPoints:F2},{rate:F1},{seconds:F2},{e.ValidationAccuracy:F4}\n"));
        }

        // metrics.csv of a checkpoint written before the validation column: add it, empty.
        private static string WithValidationColumn(string csv)
        {
            if (!csv.StartsWith(MetricsHeaderWithoutValidation + "\n", StringComparison.Ordinal))
                return csv;
            var lines = csv.TrimEnd('\n').Split('\n');
            lines[0] = MetricsHeader;
            for (var i = 1; i < lines.Length; i++)
                lines[i] += ",";
            return string.Join('\n', lines) + "\n";
        }

        private void Save(string dir, int total, double seconds)
        {
            var state = new TrainingState
            {
                InputBits = _train.BitCount,
                Step = _step,
                TotalSteps = total,
                BestStep = _bestStep,
                BestDiscreteAccuracy = _bestAccuracy,
                BestChosenOn = _validation is null ? TrainingState.ChosenOnTest : TrainingState.ChosenOnValidation,
                LastSoftAccuracy = _last?.SoftAccuracy ?? -1,
                LastDiscreteAccuracy = _last?.DiscreteAccuracy ?? -1,
                Seconds = seconds,
            };
            new Checkpoint(_config, _encoder, state, _model.Weights(), _best, _optimizer.State(), _metrics.ToString()).Save(dir);
        }
    }
}
