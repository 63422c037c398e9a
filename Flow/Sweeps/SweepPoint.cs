using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GateForge.Training.Models;

namespace GateForge.Flow.Sweeps;

/// <summary>The grid parameters of one point (what the table's rows and the progress lines name).</summary>
public sealed record SweepParameters
{
    public required SweepFamily Family { get; init; }
    public required int Layers { get; init; }
    public required int Neurons { get; init; }
    /// <summary>Neurons per class of the last layer (0: as wide as the others).</summary>
    public required int LastPerClass { get; init; }
    /// <summary>The last layer's width (what the head's popcounts count).</summary>
    public required int LastWidth { get; init; }
    public required int EncoderBits { get; init; }
    public required double Tau { get; init; }
    /// <summary>Family conv: its conv front in one phrase (<c>conv 16 k5 d3 s1 p0, orpool 2 s2 p0</c>); null for dense.</summary>
    public string? Front { get; init; }

    /// <summary>The family as configs spell it.</summary>
    [JsonIgnore]
    public string FamilyName => Family switch
    {
        SweepFamily.Dense => "dense",
        SweepFamily.Conv => "conv",
        _ => throw new ArgumentOutOfRangeException(nameof(Family), Family, null),
    };

    /// <summary>The parameters as one phrase: <c>dense 3 x 2000 (last 400), 2 encoder bits, tau 6</c>; a conv point names its front first.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{FamilyName}{(Front is null ? "" : $" [{Front}] +")} {Layers} x {Neurons}{(LastPerClass > 0 ? $" (last {LastWidth})" : "")}, {EncoderBits} encoder bit{(EncoderBits == 1 ? "" : "s")}, tau {Tau:0.###}");

    /// <summary>A point's folder name under the sweep's <c>points/</c>: readable parameters and the start of its key.</summary>
    public string FolderName(string key) => string.Create(CultureInfo.InvariantCulture,
        $"{FamilyName}-L{Layers}-N{Neurons}-last{LastWidth}-b{EncoderBits}-tau{Tau:0.###}-{key[..10]}");
}

/// <summary>
/// One point of a sweep: its grid parameters, the model config it trains (the base model with the
/// parameters applied), and its key: a hash of everything that decides its result (data, model,
/// budget, optimisation, pipeline stages), which names its folder. A changed config gives other
/// keys, so results of another config are never reused.
/// </summary>
public sealed record SweepPoint
{
    /// <summary>1-based position in grid order.</summary>
    public required int Index { get; init; }
    public required SweepParameters Parameters { get; init; }
    public required ModelConfig Config { get; init; }
    public required string Key { get; init; }

    public string FolderName => Parameters.FolderName(Key);

    public string Describe() => Parameters.Describe();

    /// <summary>
    /// Every point of <paramref name="config"/>'s grid for data with <paramref name="classes"/>
    /// classes, in grid order (layers, neurons, last layer, encoder bits, tau, family; the last varies fastest).
    /// </summary>
    public static IReadOnlyList<SweepPoint> Expand(SweepConfig config, int classes, string source)
    {
        var baseModel = config.BaseModel(source);
        var convModel = config.ConvModel(source); // a grid with family conv has a conv front (SweepConfig.Parse)
        var g = config.Grid;
        var points = new List<SweepPoint>();
        foreach (var layers in g.Layers ?? [baseModel.Layers])
            foreach (var neurons in g.Neurons ?? [baseModel.Neurons])
                foreach (var lastPerClass in g.LastPerClass ?? [0])
                    foreach (var bits in g.EncoderBits ?? [baseModel.EncoderBits])
                        foreach (var tau in g.Tau ?? [(double)baseModel.Tau])
                            foreach (var family in g.Family)
                                points.Add(Make(config, family == SweepFamily.Conv ? convModel! : baseModel, classes, points.Count + 1, family, layers, neurons, lastPerClass, bits, tau));
        return points;
    }

    private static SweepPoint Make(SweepConfig sweep, ModelConfig baseModel, int classes, int index, SweepFamily family,
        int layers, int neurons, int lastPerClass, int bits, double tau)
    {
        IReadOnlyList<LayerSpec> front = baseModel.Architecture ?? []; // a conv point's model holds its front
        var lastWidth = lastPerClass > 0 ? lastPerClass * classes : neurons;
        var config = baseModel with
        {
            Classes = classes,
            Layers = layers,
            Neurons = neurons,
            // a conv front or a narrow last layer after wide ones is an architecture list (SPEC §7);
            // uniform dense stacks stay layers × neurons
            Architecture = front.Count > 0 || lastPerClass > 0
                ? [.. front, .. Enumerable.Range(0, layers - 1).Select(_ => LayerSpec.Dense(neurons)), LayerSpec.Dense(lastWidth)]
                : null,
            EncoderBits = bits,
            Tau = (float)tau,
            Steps = sweep.Budget.Steps ?? baseModel.Steps,
            Epochs = 0,
        };
        return new SweepPoint
        {
            Index = index,
            Parameters = new SweepParameters
            {
                Family = family,
                Layers = layers,
                Neurons = neurons,
                LastPerClass = lastPerClass,
                LastWidth = lastWidth,
                EncoderBits = bits,
                Tau = tau,
                Front = front.Count > 0 ? string.Join(", ", front.Select(l => l.Describe())) : null,
            },
            Config = config,
            Key = KeyOf(sweep, config),
        };
    }

    /// <summary>SHA-256 (hex) of the data spec, the model config, the time budget, the optimisation and the pipeline stages.</summary>
    private static string KeyOf(SweepConfig sweep, ModelConfig config)
    {
        var identity = new JsonObject
        {
            ["data"] = sweep.Data,
            ["model"] = JsonNode.Parse(config.ToJson()),
            ["seconds"] = sweep.Budget.Seconds,
            ["opt"] = sweep.Opt,
            ["pipeline_every"] = sweep.PipelineEvery,
            ["lut_inputs"] = SweepConfig.LutInputs,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToJsonString())));
    }
}
