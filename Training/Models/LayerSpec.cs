using System.Globalization;
using System.Text.Json.Serialization;

namespace GateForge.Training.Models;

/// <summary>The kind of one entry of a model's <c>architecture</c> list (SPEC §7).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LayerKind>))]
public enum LayerKind
{
    /// <summary>Two-input neurons over the previous layer's outputs.</summary>
    [JsonStringEnumMemberName("dense")]
    Dense,
}

/// <summary>
/// One layer of a model config's <c>architecture</c> list, e.g. <c>{"kind": "dense", "neurons": 800}</c>.
/// Fields that a kind does not use must be left out (0 / null).
/// </summary>
public sealed record LayerSpec
{
    public required LayerKind Kind { get; init; }
    /// <summary>dense: neurons of the layer.</summary>
    public int Neurons { get; init; }
    /// <summary>dense: <c>random</c> or <c>unique</c>; null takes the config's <see cref="ModelConfig.Wiring"/>.</summary>
    public string? Wiring { get; init; }

    /// <summary>A dense layer of <paramref name="neurons"/> neurons.</summary>
    public static LayerSpec Dense(int neurons, string? wiring = null) => new() { Kind = LayerKind.Dense, Neurons = neurons, Wiring = wiring };

    /// <summary>One-line text of the layer, e.g. <c>dense 800 unique</c>; what resuming compares.</summary>
    public string Describe() => Kind switch
    {
        LayerKind.Dense => string.Create(CultureInfo.InvariantCulture, $"dense {Neurons} {Wiring}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>Throws <see cref="TrainingException"/> naming layer <paramref name="index"/> (1-based in the message) and its first bad field.</summary>
    internal void Validate(int index)
    {
        var where = $"architecture layer {index + 1} ({Kind.ToString().ToLowerInvariant()})";
        switch (Kind)
        {
            case LayerKind.Dense:
                Check(Neurons >= 1, $"{where}: neurons must be at least 1");
                Check(Wiring is null or Models.Wiring.Random or Models.Wiring.Unique, $"{where}: wiring '{Wiring}': expected random or unique");
                break;
            default:
                throw new TrainingException($"{where}: unknown layer kind");
        }
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new TrainingException(message);
    }
}
