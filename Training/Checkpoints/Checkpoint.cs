using GateForge.Ir;
using GateForge.Training.Data;
using GateForge.Training.Encoding;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Training.Checkpoints;

/// <summary>
/// A checkpoint folder: <c>config.json</c> (<see cref="ModelConfig"/>), <c>encoder.json</c> (the
/// input encoder, absent when the inputs are already bits), <c>state.json</c>
/// (<see cref="TrainingState"/>), <c>weights.bin</c> (the latest weights), <c>optimizer.bin</c>
/// (Adam's moments, for resuming), <c>best.bin</c> (the weights of the best evaluation so far) and
/// <c>metrics.csv</c> (<see cref="TrainingMetrics"/>), and <c>gateforge-train.json</c>
/// (<see cref="TrainingRecord"/>: the data set and the loss curve). Training owns the folder: this
/// class is its one reader and writer. The folder is written whole under a temporary name and
/// renamed into place.
/// </summary>
public sealed class Checkpoint
{
    public const string ConfigFile = "config.json";
    public const string EncoderFile = "encoder.json";
    public const string StateFile = "state.json";
    public const string WeightsFileName = "weights.bin";
    public const string BestFile = "best.bin";
    public const string OptimizerFile = "optimizer.bin";
    public const string MetricsFile = "metrics.csv";

    private IReadOnlyList<MetricsRow>? _metrics;

    /// <param name="metricsCsv">The text of metrics.csv (<see cref="TrainingMetrics.Format"/>), read by <see cref="Metrics"/>.</param>
    public Checkpoint(ModelConfig config, InputEncoder? encoder, TrainingState state, IReadOnlyList<LayerWeights> weights,
        IReadOnlyList<LayerWeights>? best, OptimizerState? optimizer, string metricsCsv, TrainingRecord? record = null)
    {
        (Config, Encoder, State, Weights, Best, Optimizer) = (config, encoder, state, weights, best, optimizer);
        (MetricsCsv, Record) = (metricsCsv, record);
    }

    public ModelConfig Config { get; }
    public InputEncoder? Encoder { get; }
    public TrainingState State { get; }
    public IReadOnlyList<LayerWeights> Weights { get; }
    public IReadOnlyList<LayerWeights>? Best { get; }
    public OptimizerState? Optimizer { get; }
    public string MetricsCsv { get; }
    /// <summary>The data set and loss curve; null in a checkpoint written without them.</summary>
    public TrainingRecord? Record { get; }

    /// <summary>
    /// The evaluations of metrics.csv, read when first asked for (a model is loaded without them):
    /// a malformed row is a <see cref="TrainingException"/> naming the file and line.
    /// </summary>
    public IReadOnlyList<MetricsRow> Metrics => _metrics ??= TrainingMetrics.Parse(MetricsCsv, MetricsSource);

    /// <summary>Where metrics.csv was read from, for messages.</summary>
    private string MetricsSource { get; init; } = MetricsFile;

    /// <summary>The test set of the data set the checkpoint was trained on; null when it names none.</summary>
    public Dataset? RecordedTestSet(string recordedIn) =>
        Record?.Dataset is { Length: > 0 } spec ? DataSets.LoadRecorded(spec, recordedIn).Test : null;

    /// <summary>
    /// The training curve: a point per progress report of the record with the accuracies of the
    /// evaluation at that step, or (without a record) a point per evaluation.
    /// </summary>
    public IReadOnlyList<CurvePoint> Curve()
    {
        if (Record is not { Step.Count: > 0 } record)
            return [.. Metrics.Select(m => new CurvePoint(m.Step, m.Loss, m.SoftAccuracy, m.DiscreteAccuracy))];
        var byStep = Metrics.ToDictionary(m => m.Step);
        return [.. record.Step.Zip(record.Loss, (step, loss) => byStep.TryGetValue(step, out var m)
            ? new CurvePoint(step, loss, m.SoftAccuracy, m.DiscreteAccuracy)
            : new CurvePoint(step, loss, null, null))];
    }

    /// <summary>Writes the folder atomically (<see cref="AtomicOutput"/>): a reader never sees half a checkpoint.</summary>
    public void Save(string dir)
    {
        AtomicOutput.WriteFolder(dir, tmp =>
        {
            File.WriteAllText(Path.Combine(tmp, ConfigFile), Config.ToJson());
            if (Encoder is not null)
                File.WriteAllText(Path.Combine(tmp, EncoderFile), Encoder.ToJson());
            File.WriteAllText(Path.Combine(tmp, StateFile), State.ToJson());
            WeightsFile.WriteWeights(Path.Combine(tmp, WeightsFileName), Weights);
            if (Best is not null)
                WeightsFile.WriteWeights(Path.Combine(tmp, BestFile), Best);
            if (Optimizer is not null)
                WeightsFile.WriteOptimizer(Path.Combine(tmp, OptimizerFile), Optimizer);
            File.WriteAllText(Path.Combine(tmp, MetricsFile), MetricsCsv);
            if (Record is not null)
                File.WriteAllText(Path.Combine(tmp, TrainingRecord.FileName), Record.ToJson());
        });
    }

    /// <summary>Reads a checkpoint folder; any missing or malformed file is a <see cref="TrainingException"/> naming it.</summary>
    public static Checkpoint Load(string dir)
    {
        if (!Directory.Exists(dir))
            throw new TrainingException($"{dir}: checkpoint folder not found");
        var config = ModelConfig.Load(Path.Combine(dir, ConfigFile));
        var encoderPath = Path.Combine(dir, EncoderFile);
        InputEncoder? encoder = null;
        if (File.Exists(encoderPath))
        {
            try
            {
                encoder = InputEncoder.Load(encoderPath);
            }
            catch (Data.DataFormatException e)
            {
                throw new TrainingException(e.Message, e);
            }
        }
        var statePath = Path.Combine(dir, StateFile);
        if (!File.Exists(statePath))
            throw new TrainingException($"{statePath}: file not found");
        var state = TrainingState.FromJson(File.ReadAllText(statePath), statePath);
        var weightsPath = Path.Combine(dir, WeightsFileName);
        var weights = WeightsFile.ReadWeights(weightsPath);
        CheckShape(config, state.InputBits, weights, weightsPath);
        var bestPath = Path.Combine(dir, BestFile);
        IReadOnlyList<LayerWeights>? best = null;
        if (File.Exists(bestPath))
        {
            best = WeightsFile.ReadWeights(bestPath);
            CheckShape(config, state.InputBits, best, bestPath);
        }
        else if (state.BestStep >= 0)
            throw new TrainingException($"{bestPath}: file not found, although {StateFile} names step {state.BestStep} as the best (refusing to fall back to the last weights without a word)");
        var optimizerPath = Path.Combine(dir, OptimizerFile);
        var optimizer = File.Exists(optimizerPath) ? WeightsFile.ReadOptimizer(optimizerPath) : null;
        if (optimizer is not null)
        {
            // the order of DlgnModel.ParametersOf: every layer's gate logits, then the connection logits
            var sizes = weights.Where(w => w.Logits.Length > 0).Select(w => w.Logits.Length)
                .Concat(weights.Select(w => w.Connections).OfType<ConnectionWeights>().Select(c => c.LogitsA.Length + c.LogitsB.Length)).ToList();
            var sizesMatch = optimizer.M.Count == sizes.Count && sizes.Select((n, i) => n == optimizer.M[i].Length).All(ok => ok);
            if (!sizesMatch)
                throw new TrainingException($"{optimizerPath}: optimizer state does not match the weights");
        }
        var metricsPath = Path.Combine(dir, MetricsFile);
        var metrics = File.Exists(metricsPath) ? File.ReadAllText(metricsPath) : "";
        if (encoder is not null && !EncoderFits(config, encoder.BitCount, state.InputBits))
            throw new TrainingException(config.Recurrent?.Sequence == RecurrentConfig.SequenceRows
                ? $"{encoderPath}: encoder makes {encoder.BitCount} bits, not a whole number of rows of the {state.InputBits} bits the model reads per step"
                : $"{encoderPath}: encoder makes {encoder.BitCount} bits, the model takes {state.InputBits}");
        return new Checkpoint(config, encoder, state, weights, best, optimizer, metrics, TrainingRecord.Load(dir)) { MetricsSource = metricsPath };
    }

    // The encoder makes the model's input bits; a model reading image rows (sequence: rows) takes
    // one row of the encoded image per step, so its encoder makes T × F bits for F per step.
    // (Comparing with F alone refused to load every row-sequence checkpoint: freeze of
    // recurrent-mnist said "encoder makes 1568 bits, the model takes 56".)
    private static bool EncoderFits(ModelConfig config, int encoderBits, int inputBits) =>
        config.Recurrent?.Sequence == RecurrentConfig.SequenceRows
            ? inputBits > 0 && encoderBits % inputBits == 0 && encoderBits >= inputBits
            : encoderBits == inputBits;

    /// <summary>Checks that weights have the shape the config describes (conv layers: for the image their first layer reads; recurrent: step layers then readout).</summary>
    internal static void CheckShape(ModelConfig config, int inputBits, IReadOnlyList<LayerWeights> weights, string source)
    {
        var perNeuron = config.Parametrization == ModelConfig.Iwp ? 4 : Gates.Count;
        if (config.Recurrent is { } recurrent)
        {
            var shapes = RecurrentShapes(recurrent, inputBits);
            if (weights.Count != shapes.Length)
                throw new TrainingException($"{source}: {weights.Count} layers, the config says {shapes.Length}");
            var stepLayers = recurrent.StepWidths().Length;
            for (var l = 0; l < weights.Count; l++)
                CheckDense(config, weights[l], l, shapes[l].Inputs, shapes[l].Neurons, perNeuron, l < stepLayers ? 1 : config.CandidatesPerInput, source);
            return;
        }
        var image = weights.Select(w => w.Geometry).FirstOrDefault(g => g is { PixelMajorInput: true })?.In;
        IReadOnlyList<PlannedLayer> plan;
        try
        {
            plan = LayerPlan.Resolve(config, inputBits, image is { } i && i.Bits == inputBits ? i : null);
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"{source}: {e.Message}", e);
        }
        if (weights.Count != plan.Count)
            throw new TrainingException($"{source}: {weights.Count} layers, the config says {plan.Count}");
        for (var l = 0; l < weights.Count; l++)
        {
            var w = weights[l];
            var p = plan[l];
            if (p.Spec.Kind == LayerKind.Dense)
            {
                CheckDense(config, w, l, p.Inputs, p.Outputs, perNeuron, config.CandidatesPerInput, source);
                continue;
            }
            var leaves = p.Spec.Kind == LayerKind.Conv ? p.Geometry!.Out.Channels * p.Geometry.Leaves : 0;
            var gates = p.Spec.Kind == LayerKind.Conv ? p.Geometry!.Out.Channels * p.Geometry.TreeGates : 0;
            if (w.Geometry != p.Geometry || w.A.Length != leaves || w.B.Length != 0 || w.TrainedGates != gates
                || (gates > 0 && w.LogitsPerNeuron != perNeuron) || w.A.Any(r => (uint)r >= (uint)p.Geometry!.Field))
                throw new TrainingException($"{source}: layer {l} is {w.Geometry?.ToString() ?? "dense"}, the config expects {p.Geometry}");
        }
    }

    private static void CheckDense(ModelConfig config, LayerWeights w, int l, int inputs, int neurons, int perNeuron, int candidates, string source)
    {
        if (w.Kind != LayerKind.Dense || w.Inputs != inputs || w.Neurons != neurons || w.LogitsPerNeuron != perNeuron)
            throw new TrainingException(
                $"{source}: layer {l} is {w.Inputs}→{w.Neurons} with {w.LogitsPerNeuron} logits per neuron, " +
                $"the config ({config.Parametrization}, {neurons} neurons) expects {inputs}→{neurons} with {perNeuron}");
        var stored = w.Connections?.Candidates ?? 1;
        if (stored != candidates || w.Connections is { } c && c.Neurons != neurons)
            throw new TrainingException($"{source}: layer {l} has {stored} connection candidates per input, the config expects {candidates}");
    }

    // (inputs, neurons) of a recurrent model's stored layers: its step layers (the first over
    // [x_t, h_{t-1}], inputBits = F; the last makes h_t) followed by its readout over h_T.
    private static (int Inputs, int Neurons)[] RecurrentShapes(RecurrentConfig r, int inputBits)
    {
        int[] widths = [.. r.StepWidths(), .. r.Readout];
        var shapes = new (int, int)[widths.Length];
        var width = inputBits + r.Hidden;
        for (var l = 0; l < widths.Length; l++)
        {
            shapes[l] = (width, widths[l]);
            width = widths[l];
        }
        return shapes;
    }
}
