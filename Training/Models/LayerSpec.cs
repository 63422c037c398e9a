using System.Diagnostics;
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
    /// <summary>One logic tree per output channel, applied at every position of an image.</summary>
    [JsonStringEnumMemberName("conv")]
    Conv,
    /// <summary>OR of each window per channel (max in training).</summary>
    [JsonStringEnumMemberName("orpool")]
    OrPool,
}

/// <summary>
/// One layer of a model config's <c>architecture</c> list: <c>{"kind": "dense", "neurons": 800}</c>,
/// <c>{"kind": "conv", "channels": 16, "kernel": 5, "depth": 3, "stride": 1, "padding": 0}</c> (and
/// optionally <c>"leafChannels": 2</c>) or
/// <c>{"kind": "orpool", "size": 2, "stride": 2, "padding": 0}</c>. A field that the kind does not
/// use is an error; omitted optional fields take the defaults of SPEC §7.
/// </summary>
public sealed record LayerSpec
{
    /// <summary>Deepest conv tree: 2^12 leaves already exceed any receptive field used in practice.</summary>
    public const int MaxDepth = 12;

    public required LayerKind Kind { get; init; }
    /// <summary>dense: neurons of the layer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Neurons { get; init; }
    /// <summary>dense: <c>random</c> or <c>unique</c>; null takes the config's <see cref="ModelConfig.Wiring"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Wiring { get; init; }
    /// <summary>conv: output channels (one tree each).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Channels { get; init; }
    /// <summary>conv: the receptive field is kernel × kernel pixels of every input channel.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Kernel { get; init; }
    /// <summary>conv: levels of each tree (2^depth leaves, 2^depth − 1 gates).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Depth { get; init; }
    /// <summary>
    /// conv: how many input channels each tree's leaves come from, drawn at random per tree (as
    /// LogicTreeNet restricts each tree to two channels); null: the leaves come from the whole
    /// receptive field, every channel.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? LeafChannels { get; init; }
    /// <summary>orpool: the window is size × size (default 2).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Size { get; init; }
    /// <summary>conv (default 1), orpool (default 2).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Stride { get; init; }
    /// <summary>conv, orpool: zero bits around the image (default 0).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Padding { get; init; }

    /// <summary>A dense layer of <paramref name="neurons"/> neurons.</summary>
    public static LayerSpec Dense(int neurons, string? wiring = null) => new() { Kind = LayerKind.Dense, Neurons = neurons, Wiring = wiring };

    public static LayerSpec Conv(int channels, int kernel, int depth, int stride = 1, int padding = 0, int? leafChannels = null) =>
        new() { Kind = LayerKind.Conv, Channels = channels, Kernel = kernel, Depth = depth, Stride = stride, Padding = padding, LeafChannels = leafChannels };

    public static LayerSpec OrPool(int size = 2, int stride = 2, int padding = 0) =>
        new() { Kind = LayerKind.OrPool, Size = size, Stride = stride, Padding = padding };

    /// <summary>The window (conv: kernel, orpool: size).</summary>
    [JsonIgnore]
    public int Window => Kind == LayerKind.Conv ? Kernel ?? 0 : Size ?? 2;
    [JsonIgnore]
    public int StrideOrDefault => Stride ?? (Kind == LayerKind.OrPool ? 2 : 1);
    [JsonIgnore]
    public int PaddingOrDefault => Padding ?? 0;

    /// <summary>One-line text of the layer (what resuming compares): <c>dense 800 unique</c>, <c>conv 16 k5 d3 s1 p0</c>, <c>orpool 2 s2 p0</c>.</summary>
    public string Describe() => Kind switch
    {
        LayerKind.Dense => string.Create(CultureInfo.InvariantCulture, $"dense {Neurons} {Wiring}"),
        LayerKind.Conv => string.Create(CultureInfo.InvariantCulture, $"conv {Channels} k{Kernel} d{Depth} s{StrideOrDefault} p{PaddingOrDefault}{(LeafChannels is { } m ? $" c{m}" : "")}"),
        LayerKind.OrPool => string.Create(CultureInfo.InvariantCulture, $"orpool {Window} s{StrideOrDefault} p{PaddingOrDefault}"),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The kind's name as configs spell it.</summary>
    public static string Name(LayerKind kind) => kind switch
    {
        LayerKind.Dense => "dense",
        LayerKind.Conv => "conv",
        LayerKind.OrPool => "orpool",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Throws <see cref="TrainingException"/> naming layer <paramref name="index"/> (1-based in the message) and its first bad field.</summary>
    internal void Validate(int index)
    {
        // System.Text.Json reads a number for an enum too: {"kind": 7} reached Name() and failed there
        // with a two-line ArgumentOutOfRangeException message
        Check(Enum.IsDefined(Kind), $"architecture layer {index + 1}: kind must be dense, conv or orpool");
        var where = $"architecture layer {index + 1} ({Name(Kind)})";
        (string Field, bool Given)[] fields =
        [
            ("neurons", Neurons is not null), ("wiring", Wiring is not null), ("channels", Channels is not null),
            ("kernel", Kernel is not null), ("depth", Depth is not null), ("leafChannels", LeafChannels is not null), ("size", Size is not null),
            ("stride", Stride is not null), ("padding", Padding is not null),
        ];
        string[] allowed = Kind switch
        {
            LayerKind.Dense => ["neurons", "wiring"],
            LayerKind.Conv => ["channels", "kernel", "depth", "leafChannels", "stride", "padding"],
            LayerKind.OrPool => ["size", "stride", "padding"],
            _ => throw new UnreachableException(),
        };
        foreach (var (field, given) in fields)
            Check(!given || allowed.Contains(field), $"{where}: '{field}' is not a field of a {Name(Kind)} layer (fields: {string.Join(", ", allowed)})");
        switch (Kind)
        {
            case LayerKind.Dense:
                Check(Neurons >= 1, $"{where}: neurons must be at least 1");
                Check(Wiring is null or Models.Wiring.Random or Models.Wiring.Unique, $"{where}: wiring '{Wiring}': expected random or unique");
                break;
            case LayerKind.Conv:
                Check(Channels >= 1, $"{where}: channels must be at least 1");
                Check(Kernel >= 1, $"{where}: kernel must be at least 1");
                Check(Depth is >= 1 and <= MaxDepth, $"{where}: depth must be 1..{MaxDepth}");
                Check(LeafChannels is null or >= 1, $"{where}: leafChannels must be at least 1");
                break;
            case LayerKind.OrPool:
                Check(Window >= 1, $"{where}: size must be at least 1");
                break;
        }
        Check(StrideOrDefault >= 1, $"{where}: stride must be at least 1");
        Check(PaddingOrDefault >= 0 && PaddingOrDefault < Math.Max(1, Window), $"{where}: padding must be 0..{Window - 1} (less than the window)");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new TrainingException(message);
    }
}
