using System.Diagnostics;
using System.Text;
using GateForge.Training.Checkpoints;
using GateForge.Training.Encoding;
using GateForge.Training.Models;
using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Trainer;

/// <summary>
/// The training loop every model family shares (<see cref="ITrainingTask"/>): Adam and cross-entropy
/// on the GroupSum scores, the seeded batch order, Gumbel noise per (seed, step), evaluation every
/// <see cref="ModelConfig.EvalEvery"/> steps keeping the best (on validation rows when there are
/// any, else on the test set), checkpoints and <c>metrics.csv</c>. See <see cref="DlgnTrainer"/>
/// for repeatability.
/// </summary>
internal sealed class TrainingRun
{
    private readonly ModelConfig _config;
    private readonly InputEncoder? _encoder;
    private readonly ITrainingTask _task;
    private readonly AdamOptimizer _optimizer;
    private readonly TrainOptions _options;
    private readonly StringBuilder _metrics;
    private readonly TrainingRecord _record;
    private readonly double _previousSeconds;
    private int _step;
    private IReadOnlyList<LayerWeights>? _best;
    private int _bestStep = -1;
    private double _bestAccuracy = -1;
    private Evaluation? _last;
    private Evaluation? _bestEvaluation;
    private int[] _order = [];
    private int _orderEpoch = -1;

    private TrainingRun(ModelConfig config, InputEncoder? encoder, ITrainingTask task, AdamOptimizer optimizer, TrainOptions options, Checkpoint? checkpoint)
    {
        _config = config;
        _encoder = encoder;
        _task = task;
        _optimizer = optimizer;
        _options = options;
        // A resumed run continues the checkpoint's metrics (read, so a malformed row stops it) and loss curve.
        _metrics = new StringBuilder(TrainingMetrics.Format(checkpoint?.Metrics ?? []));
        _record = new TrainingRecord
        {
            Dataset = options.Dataset ?? checkpoint?.Record?.Dataset,
            Step = [.. checkpoint?.Record?.Step ?? []],
            Loss = [.. checkpoint?.Record?.Loss ?? []],
        };
        if (checkpoint is null)
            return;
        _step = checkpoint.State.Step;
        _best = checkpoint.Best;
        _bestStep = checkpoint.State.BestStep;
        _bestAccuracy = checkpoint.State.BestDiscreteAccuracy;
        _bestEvaluation = checkpoint.Metrics.Where(m => m.Step == _bestStep)
            .Select(m => new Evaluation(m.Step, m.SoftAccuracy, m.DiscreteAccuracy, m.ValidationAccuracy)).LastOrDefault();
        _previousSeconds = checkpoint.State.Seconds;
        if (checkpoint.State.LastDiscreteAccuracy >= 0)
            _last = new Evaluation(_step, checkpoint.State.LastSoftAccuracy, checkpoint.State.LastDiscreteAccuracy);
    }

    /// <summary>Loads TorchSharp, sets the thread count, and returns the device to train on.</summary>
    public static Device Prepare(ModelConfig config, TrainOptions options)
    {
        TorchRuntime.EnsureLoaded();
        if (config.Threads > 0)
            torch.set_num_threads(config.Threads);
        return TorchRuntime.ResolveDevice(options.Device);
    }

    /// <summary>The checkpoint to resume from, checked against the config and the input width; null when not resuming.</summary>
    public static Checkpoint? LoadForResume(ModelConfig config, int inputBits, TrainOptions options)
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

    /// <summary>Trains <paramref name="task"/> (resuming Adam from <paramref name="checkpoint"/> when given).</summary>
    public static RunOutcome Execute(ModelConfig config, InputEncoder? encoder, ITrainingTask task, TrainOptions options, Checkpoint? checkpoint)
    {
        using var optimizer = new AdamOptimizer(task.Parameters);
        if (checkpoint?.Optimizer is not null)
            optimizer.Restore(checkpoint.Optimizer);
        return new TrainingRun(config, encoder, task, optimizer, options, checkpoint).Loop();
    }

    private RunOutcome Loop()
    {
        var total = _config.TotalSteps(_task.TrainCount);
        var stopAt = _options.StopAfterStep > 0 ? Math.Min(total, _options.StopAfterStep) : total;
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
            var (loss, hits, samples) = TrainStep(total);
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
                _record.Step.Add(_step);
                _record.Loss.Add(Math.Round(windowLoss / windowSteps, 6));
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
        return new RunOutcome(_task.Weights(), _best, _bestStep, _last, _bestEvaluation, _step, seconds, cancelled);
    }

    private (double Loss, long Hits, int Samples) TrainStep(int totalSteps)
    {
        using var scope = NewDisposeScope();
        var rows = BatchRows(_step);
        using var noise = _config.Gumbel ? NoiseFor(_step) : null;
        var (scores, y) = _task.Batch(rows, noise);
        var loss = nn.functional.cross_entropy(scores, y);
        _optimizer.ZeroGrad();
        loss.backward();
        _optimizer.Step(LearningRates.At(_config.LrSchedule, _config.LearningRate, _step, totalSteps));
        var hits = scores.argmax(1).eq(y).sum().item<long>();
        return (loss.item<float>(), hits, rows.Length);
    }

    // Rows of the batch for a step: epoch e's order is a shuffle seeded by (seed, e).
    private long[] BatchRows(int step)
    {
        var n = _task.TrainCount;
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
        return UniformNoise.Create(seed, _task.Device);
    }

    private Evaluation EvaluateAndKeepBest()
    {
        var evaluation = _task.Evaluate(_step);
        var score = evaluation.ValidationAccuracy ?? evaluation.DiscreteAccuracy;
        if (score > _bestAccuracy)
        {
            _bestAccuracy = score;
            _bestStep = _step;
            _best = _task.Weights();
            _bestEvaluation = evaluation;
        }
        _last = evaluation;
        return evaluation;
    }

    private void AppendMetrics(double loss, double batchAccuracy, Evaluation e, double rate, double seconds)
    {
        var perEpoch = (_task.TrainCount + _config.BatchSize - 1) / _config.BatchSize;
        _metrics.Append(TrainingMetrics.Line(new MetricsRow(_step, (double)_step / perEpoch, loss, batchAccuracy, e.SoftAccuracy,
            e.DiscreteAccuracy, e.GapPoints, rate, seconds, e.ValidationAccuracy))).Append('\n');
    }

    private void Save(string dir, int total, double seconds)
    {
        var state = new TrainingState
        {
            InputBits = _task.InputBits,
            Step = _step,
            TotalSteps = total,
            BestStep = _bestStep,
            BestDiscreteAccuracy = _bestAccuracy,
            BestChosenOn = _task.HasValidation ? TrainingState.ChosenOnValidation : TrainingState.ChosenOnTest,
            LastSoftAccuracy = _last?.SoftAccuracy ?? -1,
            LastDiscreteAccuracy = _last?.DiscreteAccuracy ?? -1,
            Seconds = seconds,
        };
        new Checkpoint(_config, _encoder, state, _task.Weights(), _best, _optimizer.State(), _metrics.ToString(), _record).Save(dir);
    }
}
