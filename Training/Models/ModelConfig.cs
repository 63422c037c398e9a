using System.Text.Json;
using System.Text.Json.Serialization;

namespace GateForge.Training.Models;

/// <summary>
/// Everything that describes a model and how it is trained, saved as <c>config.json</c> in a
/// checkpoint. The architecture fields (<see cref="SameArchitecture"/>, with the validation fraction,
/// which fixes the rows trained on) must match to resume from a checkpoint; the training fields
/// (steps, learning rate, ...) may change between runs.
/// </summary>
public sealed partial record ModelConfig
{
    public const string Softmax16 = "softmax16";
    public const string Iwp = "iwp";
    public const string InitResidual = "residual";
    public const string InitRandom = "random";

    // ---- architecture ----
    /// <summary>Number of logic layers (the dense-stack shorthand; ignored when <see cref="Architecture"/> is given).</summary>
    public int Layers { get; init; } = 4;
    /// <summary>Neurons per logic layer (shorthand, as <see cref="Layers"/>); the last layer's count must be a multiple of <see cref="Classes"/>.</summary>
    public int Neurons { get; init; } = 8000;
    /// <summary><c>random</c> or <c>unique</c> (see <see cref="Models.Wiring"/>).</summary>
    public string Wiring { get; init; } = Models.Wiring.Unique;
    /// <summary><c>softmax16</c> (16 logits per neuron) or <c>iwp</c> (4 input-wise logits per neuron).</summary>
    public string Parametrization { get; init; } = Softmax16;
    /// <summary><c>residual</c> (favour the pass-through gate A) or <c>random</c> (standard normal logits).</summary>
    public string Init { get; init; } = InitResidual;
    /// <summary>Number of classes of the GroupSum head.</summary>
    public int Classes { get; init; } = 10;
    /// <summary>Thermometer thresholds per numeric feature.</summary>
    public int EncoderBits { get; init; } = 1;
    /// <summary>
    /// Threshold placement: <c>uniform</c> or <c>quantile</c> (each feature's own, so each pixel's own:
    /// refused for a conv model, whose trees read every position; see DlgnTrainer.MakeEncoder).
    /// </summary>
    public string EncoderMode { get; init; } = EncoderUniform;

    /// <summary><see cref="EncoderMode"/>: thresholds evenly spaced over the feature's range (the same for every pixel of an image).</summary>
    public const string EncoderUniform = "uniform";
    /// <summary><see cref="EncoderMode"/>: thresholds at each feature's own training quantiles.</summary>
    public const string EncoderQuantile = "quantile";
    /// <summary>Categorical features: one-hot (true) or thermometer-coded on their category index like numbers (false).</summary>
    public bool OneHot { get; init; } = true;
    /// <summary>
    /// Learned connections: each input of a dense neuron (the dense layers of the architecture and a
    /// recurrent model's readout) chooses among this many candidate inputs, by a softmax over learned
    /// logits in training and the largest in hardware (<see cref="ConnectionWeights"/>); null or 1:
    /// the fixed drawn wiring.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ConnectionCandidates { get; init; }
    /// <summary>K of <see cref="ConnectionCandidates"/>: 1 for fixed wiring.</summary>
    [JsonIgnore]
    public int CandidatesPerInput => ConnectionCandidates ?? 1;
    /// <summary>Seed of the wiring, the initial logits, the batch order and the Gumbel noise.</summary>
    public int Seed { get; init; } = 1;

    // ---- training ----
    /// <summary>Gumbel noise with a straight-through hard sample during training.</summary>
    public bool Gumbel { get; init; }
    /// <summary>Temperature of the Gumbel softmax (the gradient path).</summary>
    public float GumbelTau { get; init; } = 1f;
    /// <summary>Gradient multiplier at every layer input (helps deep stacks); 1 = none.</summary>
    public float GradFactor { get; init; } = 1f;
    /// <summary>GroupSum temperature: class scores are divided by it before the softmax loss.</summary>
    public float Tau { get; init; } = 10f;
    public float LearningRate { get; init; } = 0.01f;
    /// <summary>
    /// <c>constant</c> (the default, and what a checkpoint without the field was trained with) or
    /// <c>cosine</c>: half a cosine from <see cref="LearningRate"/> down to 0 over the run's total steps.
    /// </summary>
    public LearningRateSchedule LrSchedule { get; init; }
    public int BatchSize { get; init; } = 100;
    /// <summary>Optimiser steps (used when <see cref="Epochs"/> is 0).</summary>
    public int Steps { get; init; } = 2000;
    /// <summary>Passes over the training set; when &gt; 0 it sets the number of steps.</summary>
    public int Epochs { get; init; }
    /// <summary>Evaluate (soft and discrete test accuracy) every this many steps, and at the end.</summary>
    public int EvalEvery { get; init; } = 500;
    /// <summary>TorchSharp intra-op threads; 0 leaves TorchSharp's default (all cores).</summary>
    public int Threads { get; init; }
    /// <summary>
    /// Image data only: train on each image and its copies shifted by every (dx, dy) with
    /// |dx|, |dy| ≤ this many pixels ((2s+1)² rows per image); 0 = no augmentation.
    /// </summary>
    public int ShiftAugment { get; init; }
    /// <summary>
    /// Fraction of the training rows held out (seeded by <see cref="Seed"/>) to choose the best
    /// checkpoint on; they are not trained on. 0 = no hold-out: the best is chosen on the test set,
    /// whose accuracy it then overstates.
    /// </summary>
    public double Validation { get; init; }

    // ---- architecture list (SPEC §7) ----
    /// <summary>
    /// The layers in order; null means the shorthand: <see cref="Layers"/> dense layers of
    /// <see cref="Neurons"/> each. When given, <see cref="Layers"/> and <see cref="Neurons"/> are not used.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<LayerSpec>? Architecture { get; init; }

    /// <summary>The layers of the model: <see cref="Architecture"/>, or the dense stack of the shorthand; dense wiring filled in.</summary>
    public IReadOnlyList<LayerSpec> LayerSpecs() =>
        Architecture is { } list
            ? list.Select(l => l.Kind == LayerKind.Dense && l.Wiring is null ? l with { Wiring = Wiring } : l).ToList()
            : Enumerable.Repeat(LayerSpec.Dense(Neurons, Wiring), Layers).ToList();

    /// <summary>Whether the model has conv or orpool layers, which need image-shaped input.</summary>
    public bool HasImageLayers() => LayerSpecs().Any(l => l.Kind != LayerKind.Dense);

    /// <summary>One line naming every layer (<see cref="LayerSpec.Describe"/>), e.g. <c>dense 800 unique, dense 100 unique</c>.</summary>
    public string DescribeLayers() => string.Join(", ", LayerSpecs().Select(l => l.Describe()));

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The demo model on mnist-10k (`gateforge demo`): a small LogicTreeNet-style conv front (8 / 24 /
    /// 72 channels of depth-3 trees with OR pooling; the trees of the second and third conv read two
    /// input channels each) and a dense 6,000 / 6,000 / 2,500 stack, about 1.5 minutes of training on
    /// one core. Measured (1 thread, another training beside it): 95.30 % discrete at 11,854 LUT6
    /// after -O2 (seeds 2 and 3: 95.55 %, 96.30 %), against 93.70 % at 14,915 LUT6 for the dense stack
    /// it replaced (<see cref="ImageDefault"/>); the seeds of the earlier conv demos in docs/ARCHITECTURE.md.
    /// </summary>
    public static ModelConfig Demo() => new()
    {
        Architecture =
        [
            LayerSpec.Conv(8, 5, 3), LayerSpec.OrPool(),
            LayerSpec.Conv(24, 3, 3, padding: 1, leafChannels: 2), LayerSpec.OrPool(),
            LayerSpec.Conv(72, 3, 3, padding: 1, leafChannels: 2), LayerSpec.OrPool(),
            LayerSpec.Dense(6000), LayerSpec.Dense(6000), LayerSpec.Dense(2500),
        ],
        // the recipe of configs/mnist-conv.json (iwp without Gumbel, 3 uniform bits: conv trees need
        // the same thresholds at every position, random shifts of 1 pixel, a cosine rate from 0.1)
        // with mnist-small's narrow last layer and its tau
        Parametrization = Iwp,
        Init = InitResidual,
        Classes = 10,
        EncoderBits = 3,
        EncoderMode = EncoderUniform,
        Gumbel = false,
        GumbelTau = 1f,
        Tau = 11f,
        LearningRate = 0.1f,
        LrSchedule = LearningRateSchedule.Cosine,
        ShiftAugment = 1,
        BatchSize = 100,
        Steps = 4000,
        EvalEvery = 500,
        // The best of the eight evaluations is chosen on 800 held-out training digits, not on the test set.
        Validation = 0.1,
        Seed = 1,
        // One intra-op thread, as for ImageDefault: a shared 2-core machine, and bit-repeatable runs.
        Threads = 1,
    };

    /// <summary>
    /// The default model for image data without a config (`train --data mnist-10k`, any image size):
    /// a dense stack, which fits every image and takes <c>--layers</c>/<c>--neurons</c>. It was the
    /// demo model until the conv demo (<see cref="Demo"/>) beat it: 93.70 % at 14,915 LUT6 on mnist-10k.
    /// </summary>
    public static ModelConfig ImageDefault() => new()
    {
        Layers = 4,
        Neurons = 8000,
        Wiring = Models.Wiring.Unique,
        Parametrization = Softmax16,
        Init = InitResidual,
        Classes = 10,
        EncoderBits = 2,
        // Quantile thresholds: 94.00 % vs 92.70 % with uniform ones at the same settings (3 uniform bits: 92.35 %).
        EncoderMode = EncoderQuantile,
        Gumbel = true,
        GumbelTau = 1f,
        Tau = 20f,
        // Tuned on mnist-10k (seed 1, 2,000 steps, uniform thresholds): lr 0.05 → 90.95 % at 1,500
        // steps, 0.1 → 91.3 % at 1,250, 0.2 → 92.70 %, 0.3 → 92.15 %; tau 30 instead of 20 → 91.70 %.
        // With quantile thresholds and lr 0.2: 94.00 % discrete, gap −0.05 points, ~122 CPU-s.
        LearningRate = 0.2f,
        BatchSize = 100,
        Steps = 2000,
        EvalEvery = 500,
        // The best of the four evaluations is chosen on 800 held-out training digits, not on the test set.
        Validation = 0.1,
        Seed = 1,
        // One intra-op thread: on a shared 2-core machine OpenMP's second thread spins against other
        // processes (3-5× slower steps measured under load); it also keeps the run bit-repeatable.
        Threads = 1,
    };

    /// <summary>Number of optimiser steps for a training set of <paramref name="trainRows"/> rows.</summary>
    public int TotalSteps(int trainRows) =>
        Epochs > 0 ? Epochs * ((trainRows + BatchSize - 1) / BatchSize) : Steps;

    /// <summary>Whether a checkpoint made with <paramref name="other"/> can be loaded into this model.</summary>
    public bool SameArchitecture(ModelConfig other) => ArchitectureDifference(other) is null;

    /// <summary>The first architecture setting that differs, as "name: this vs other"; null when they match.</summary>
    public string? ArchitectureDifference(ModelConfig other)
    {
        if (LayerDifference(other) is { } layers)
            return layers;
        (string Name, object Mine, object Theirs)[] fields =
        [
            ("parametrization", Parametrization, other.Parametrization),
            ("init", Init, other.Init),
            ("classes", Classes, other.Classes),
            ("encoderBits", EncoderBits, other.EncoderBits),
            ("encoderMode", EncoderMode, other.EncoderMode),
            ("oneHot", OneHot, other.OneHot),
            ("connectionCandidates", CandidatesPerInput, other.CandidatesPerInput),
            ("seed", Seed, other.Seed),
            // not the network, but the rows it is trained on: another fraction or seed holds out others
            ("validation", Validation, other.Validation),
            ("recurrent", Recurrent?.Describe() ?? "none", other.Recurrent?.Describe() ?? "none"),
        ];
        foreach (var (name, mine, theirs) in fields)
            if (!mine.Equals(theirs))
                return $"{name}: {mine} vs {theirs}";
        return null;
    }

    // The layer lists cover layers, neurons and wiring of the shorthand as well.
    private string? LayerDifference(ModelConfig other)
    {
        var mine = LayerSpecs();
        var theirs = other.LayerSpecs();
        if (mine.Count != theirs.Count)
            return $"layers: {mine.Count} vs {theirs.Count}";
        for (var i = 0; i < mine.Count; i++)
            if (mine[i].Describe() != theirs[i].Describe())
                return $"layer {i + 1}: {mine[i].Describe()} vs {theirs[i].Describe()}";
        return null;
    }

    /// <summary>The most layers the shorthand may ask for (the built-in defaults use at most 6).</summary>
    public const int MaxLayers = 1024;

    /// <summary>Throws <see cref="TrainingException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        Check(Classes >= 1, "classes must be at least 1");
        Recurrent?.Validate(Classes);
        // the recurrent section names its own layers (step network, readout); a list beside it would be ignored silently
        Check(Recurrent is null || Architecture is null, "recurrent and architecture: give one of them, not both");
        Check(Wiring is Models.Wiring.Random or Models.Wiring.Unique, $"wiring '{Ir.Excerpt.Of(Wiring)}': expected random or unique");
        if (Architecture is null)
        {
            Check(Layers >= 1, "layers must be at least 1");
            // the shorthand expands to one spec per layer: layers 2147483647 in a checkpoint's
            // config.json ran out of memory (OutOfMemoryException, exit 3; fuzzed, issue 15)
            Check(Layers <= MaxLayers, $"layers must be at most {MaxLayers}, got {Layers}");
            Check(Neurons >= 1, "neurons must be at least 1");
            Check(Recurrent is not null || Neurons % Classes == 0, $"neurons ({Neurons}) must be a multiple of classes ({Classes}) for the GroupSum head");
        }
        else
        {
            Check(Architecture.Count >= 1, "architecture must list at least one layer");
            for (var i = 0; i < Architecture.Count; i++)
            {
                Check(Architecture[i] is not null, $"architecture layer {i + 1}: null");
                Architecture[i].Validate(i);
            }
            // conv and orpool outputs depend on the input image: LayerPlan checks those with the data
            var last = Architecture[^1];
            if (last.Kind == LayerKind.Dense)
                Check(last.Neurons % Classes == 0, $"the last layer's {last.Neurons} neurons must be a multiple of classes ({Classes}) for the GroupSum head");
        }
        Check(Parametrization is Softmax16 or Iwp, $"parametrization '{Ir.Excerpt.Of(Parametrization)}': expected softmax16 or iwp");
        Check(Init is InitResidual or InitRandom, $"init '{Ir.Excerpt.Of(Init)}': expected residual or random");
        Check(EncoderBits >= 1, "encoderBits must be at least 1");
        Check(ConnectionCandidates is null or (>= 1 and <= ConnectionWeights.MaxCandidates), $"connectionCandidates must be 1..{ConnectionWeights.MaxCandidates}");
        Check(EncoderMode is EncoderUniform or EncoderQuantile, $"encoderMode '{Ir.Excerpt.Of(EncoderMode)}': expected uniform or quantile");
        Check(Tau > 0 && GumbelTau > 0 && GradFactor > 0, "tau, gumbelTau and gradFactor must be positive");
        Check(LearningRate > 0, "learningRate must be positive");
        // the JSON reader also takes a number for an enum: {"lrSchedule": 3} would reach the trainer
        Check(Enum.IsDefined(LrSchedule), $"lrSchedule must be {LearningRateScheduleNames.Choices}");
        Check(BatchSize >= 1, "batchSize must be at least 1");
        Check(Steps >= 0 && Epochs >= 0, "steps and epochs must not be negative");
        Check(EvalEvery >= 1, "evalEvery must be at least 1");
        Check(Threads >= 0, "threads must not be negative");
        Check(ShiftAugment is >= 0 and <= 3, "shiftAugment must be 0..3 pixels");
        Check(Validation is >= 0 and <= 0.5, "validation must be a fraction from 0 to 0.5");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a config; <paramref name="source"/> names the file in error messages.</summary>
    public static ModelConfig FromJson(string json, string source)
    {
        ModelConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<ModelConfig>(json, Json);
        }
        catch (JsonException e)
        {
            throw new TrainingException($"{source}: not a valid model config: {GateForge.Ir.JsonErrors.Message(e)}", e);
        }
        if (config is null)
            throw new TrainingException($"{source}: empty model config");
        try
        {
            config.Validate();
        }
        catch (TrainingException e)
        {
            throw new TrainingException($"{source}: {e.Message}", e);
        }
        return config;
    }

    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path))
            throw new TrainingException($"{path}: model config not found");
        return FromJson(File.ReadAllText(path), path);
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new TrainingException(message);
    }
}
