using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GateForge.Training.Models;

namespace GateForge.Flow.Sweeps;

/// <summary>The model families a sweep point can train.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SweepFamily>))]
public enum SweepFamily
{
    /// <summary>A stack of dense logic layers (SPEC §7 <c>dense</c> entries) and the GroupSum head.</summary>
    [JsonStringEnumMemberName("dense")]
    Dense,

    /// <summary>
    /// The conv front of the sweep's <c>model.architecture</c> (conv and orpool layers, SPEC §7), then
    /// the grid's dense stack and the head.
    /// </summary>
    [JsonStringEnumMemberName("conv")]
    Conv,
}

/// <summary>How long each point trains: a number of steps, a wall-clock limit in seconds, or both (whichever comes first).</summary>
public sealed record SweepBudget(int? Steps, double? Seconds);

/// <summary>
/// The grid of a sweep: every combination of the lists is one point. A list left out takes the
/// single value of the base model (<see cref="SweepConfig.Model"/> over the data kind's defaults);
/// <see cref="LastPerClass"/> left out (or 0) keeps every layer <see cref="Neurons"/> wide.
/// </summary>
public sealed record SweepGrid
{
    public IReadOnlyList<int>? Layers { get; init; }
    public IReadOnlyList<int>? Neurons { get; init; }
    /// <summary>Neurons per class of a narrower last dense layer (0: the last layer as wide as the others).</summary>
    public IReadOnlyList<int>? LastPerClass { get; init; }
    public IReadOnlyList<int>? EncoderBits { get; init; }
    public IReadOnlyList<double>? Tau { get; init; }
    public IReadOnlyList<SweepFamily> Family { get; init; } = [SweepFamily.Dense];
}

/// <summary>
/// The config file of <c>gateforge sweep</c> (JSON, snake_case keys like the run config):
/// <c>data</c>, <c>model</c> (a partial model config, ModelConfig's keys, for what the grid does not
/// vary), <c>grid</c>, <c>budget</c>, <c>opt</c>, <c>pipeline_every</c>, <c>output</c>. Unknown keys are
/// refused with one line naming the key and the keys allowed.
/// </summary>
public sealed record SweepConfig
{
    public const string DefaultOpt = "-O2";
    public const int DefaultPipelineEvery = 8;
    /// <summary>The LUT size every point is mapped to (ABC <c>if -K 6</c>).</summary>
    public const int LutInputs = 6;

    private static readonly string[] TopKeys = ["data", "model", "grid", "budget", "opt", "pipeline_every", "output"];
    private static readonly string[] GridKeys = ["layers", "neurons", "last_per_class", "encoder_bits", "tau", "family"];
    private static readonly string[] BudgetKeys = ["steps", "seconds"];
    /// <summary>Model keys that the grid and the budget set; a base model that sets them would be overwritten silently.</summary>
    private static readonly string[] GridOwnedModelKeys = ["layers", "neurons", "recurrent", "encoderBits", "tau", "steps", "epochs", "classes"];

    public required string Data { get; init; }
    /// <summary>Partial model config (ModelConfig's JSON keys) over the defaults of the data's kind; null: the defaults.</summary>
    public JsonObject? Model { get; init; }
    public required SweepGrid Grid { get; init; }
    public required SweepBudget Budget { get; init; }
    public string Opt { get; init; } = DefaultOpt;
    public int PipelineEvery { get; init; } = DefaultPipelineEvery;
    /// <summary>The sweep's folder (null: <c>sweeps/&lt;config name&gt;</c>).</summary>
    public string? Output { get; init; }

    public static SweepConfig Load(string path)
    {
        var file = Inputs.RequireFile(path, "sweep config");
        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new FlowUsageException($"'{path}' is not a sweep config: expected a .json file");
        return Parse(File.ReadAllText(file), path);
    }

    /// <summary>Parses a sweep config; <paramref name="source"/> names it in the one-line errors.</summary>
    public static SweepConfig Parse(string json, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FlowUsageException($"{source}: not valid JSON: {Ir.JsonErrors.Message(e)}", e);
        }
        var top = Object(root, "the sweep config", source);
        CheckKeys(top, TopKeys, "", source);
        var grid = top["grid"] is null ? throw new FlowUsageException($"{source}: no 'grid' (an object of lists: {string.Join(", ", GridKeys)})")
            : Object(top["grid"], "'grid'", source);
        CheckKeys(grid, GridKeys, "grid.", source);
        var budget = top["budget"] is null ? throw new FlowUsageException($"{source}: no 'budget' (each point's {{\"steps\": N}} or {{\"seconds\": S}})")
            : Object(top["budget"], "'budget'", source);
        CheckKeys(budget, BudgetKeys, "budget.", source);
        var steps = budget["steps"] is { } s ? Int(s, "budget.steps", 1, source) : (int?)null;
        var seconds = budget["seconds"] is { } sec ? Number(sec, "budget.seconds", source) : (double?)null;
        if (steps is null && seconds is null)
            throw new FlowUsageException($"{source}: 'budget' needs 'steps' or 'seconds'");
        if (seconds is <= 0)
            throw new FlowUsageException($"{source}: budget.seconds must be positive, got {seconds.Value.ToString(CultureInfo.InvariantCulture)}");

        JsonObject? model = null;
        if (top["model"] is { } m)
        {
            model = Object(m, "'model'", source);
            foreach (var key in GridOwnedModelKeys)
                if (model.ContainsKey(key))
                    throw new FlowUsageException($"{source}: model.{key} is set by the grid or the budget of a sweep, not by its model");
            // named here: the serializer's own message for an unknown field names .NET types
            var known = JsonNode.Parse(new ModelConfig().ToJson())!.AsObject().Select(f => f.Key).Append("architecture").Distinct().ToList();
            foreach (var (key, _) in model)
                if (!known.Contains(key, StringComparer.Ordinal))
                    throw new FlowUsageException($"{source}: unknown key 'model.{Ir.Excerpt.Of(key)}' (model keys: {string.Join(", ", known.Except(GridOwnedModelKeys))})");
        }
        var pipelineEvery = top["pipeline_every"] is { } pe ? Int(pe, "pipeline_every", 1, source) : DefaultPipelineEvery;
        var families = FamilyList(grid["family"], source);
        CheckConvFront(model, families, source);
        return new SweepConfig
        {
            Data = top["data"] is { } d ? Text(d, "data", source) : throw new FlowUsageException($"{source}: no 'data' (a data set spec such as monk1 or mnist-10k)"),
            Model = model,
            Grid = new SweepGrid
            {
                Layers = IntList(grid["layers"], "grid.layers", 1, source),
                Neurons = IntList(grid["neurons"], "grid.neurons", 1, source),
                LastPerClass = IntList(grid["last_per_class"], "grid.last_per_class", 0, source),
                EncoderBits = IntList(grid["encoder_bits"], "grid.encoder_bits", 1, source),
                Tau = NumberList(grid["tau"], "grid.tau", source),
                Family = families,
            },
            Budget = new SweepBudget(steps, seconds),
            Opt = top["opt"] is { } o ? Text(o, "opt", source) : DefaultOpt,
            PipelineEvery = pipelineEvery,
            Output = top["output"] is { } output ? Text(output, "output", source) : null,
        };
    }

    private static JsonObject Object(JsonNode? node, string what, string source) =>
        node as JsonObject ?? throw new FlowUsageException($"{source}: {what} must be a JSON object");

    private static void CheckKeys(JsonObject obj, string[] allowed, string prefix, string source)
    {
        foreach (var (key, _) in obj)
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw new FlowUsageException($"{source}: unknown key '{prefix}{Ir.Excerpt.Of(key)}' (keys: {string.Join(", ", allowed)})");
    }

    private static string Text(JsonNode node, string key, string source) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is { Length: > 0 } text
            ? text : throw new FlowUsageException($"{source}: {key} must be a non-empty string");

    private static double Number(JsonNode node, string key, string source) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var x) && double.IsFinite(x)
            ? x : throw new FlowUsageException($"{source}: {key} must be a number");

    private static int Int(JsonNode node, string key, int min, string source)
    {
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue<int>(out var x))
            throw new FlowUsageException($"{source}: {key} must be a whole number");
        if (x < min)
            throw new FlowUsageException($"{source}: {key} must be at least {min}, got {x}");
        return x;
    }

    /// <summary>The elements of a grid list (a single value is a list of one); duplicates are refused (they would train one point twice).</summary>
    private static List<T>? List<T>(JsonNode? node, string key, string source, Func<JsonNode, string, T> element)
    {
        if (node is null)
            return null;
        var items = node is JsonArray array ? array.ToList() : [node];
        if (items.Count == 0)
            throw new FlowUsageException($"{source}: {key} must list at least one value");
        var values = new List<T>();
        for (var i = 0; i < items.Count; i++)
        {
            var value = element(items[i] ?? throw new FlowUsageException($"{source}: {key}[{i}] is null"), $"{key}[{i}]");
            if (values.Contains(value))
                throw new FlowUsageException($"{source}: {key} lists {Convert.ToString(value, CultureInfo.InvariantCulture)} twice");
            values.Add(value);
        }
        return values;
    }

    private static List<int>? IntList(JsonNode? node, string key, int min, string source) =>
        List(node, key, source, (n, k) => Int(n, k, min, source));

    private static List<double>? NumberList(JsonNode? node, string key, string source) =>
        List(node, key, source, (n, k) => Number(n, k, source) is var x && x > 0 ? x
            : throw new FlowUsageException($"{source}: {k} must be positive"));

    private static List<SweepFamily> FamilyList(JsonNode? node, string source) =>
        List(node, "grid.family", source, (n, k) => Text(n, k, source) switch
        {
            "dense" => SweepFamily.Dense,
            "conv" => SweepFamily.Conv,
            var other => throw new FlowUsageException(
                $"{source}: family '{Ir.Excerpt.Of(other)}' is not one a sweep trains (supported: dense, conv; recurrent models train with `gateforge train`/`run` and the `recurrent` bench)"),
        }) ?? [SweepFamily.Dense];

    /// <summary>
    /// <c>model.architecture</c> of a sweep is the conv front of family <c>conv</c>: conv and orpool
    /// layers only (the grid sets the dense layers), given exactly when the grid has family conv.
    /// </summary>
    private static void CheckConvFront(JsonObject? model, IReadOnlyList<SweepFamily> families, string source)
    {
        var front = model?["architecture"];
        var wantsConv = families.Contains(SweepFamily.Conv);
        if (front is null)
        {
            if (wantsConv)
                throw new FlowUsageException($"{source}: family conv needs its conv front in model.architecture (conv and orpool layers, e.g. the first four of configs/mnist-conv.json); the grid sets the dense layers after it");
            return;
        }
        if (!wantsConv)
            throw new FlowUsageException($"{source}: model.architecture (a conv front) is used by family conv only; add \"conv\" to grid.family or leave it out");
        if (front is not JsonArray layers || layers.Count == 0)
            throw new FlowUsageException($"{source}: model.architecture must be a non-empty list of conv and orpool layers");
        if (model!["encoderMode"] is JsonValue mode && mode.GetValueKind() == JsonValueKind.String && mode.GetValue<string>() == ModelConfig.EncoderQuantile)
            throw new FlowUsageException($"{source}: model.encoderMode quantile gives every pixel its own thresholds, but a conv tree reads every position: leave it out (conv points use uniform) or set uniform");
        for (var i = 0; i < layers.Count; i++)
            if (layers[i] is not JsonObject layer || layer["kind"] is not JsonValue kind || kind.GetValueKind() != JsonValueKind.String
                || kind.GetValue<string>() is not ("conv" or "orpool"))
                throw new FlowUsageException($"{source}: model.architecture[{i}] must be a conv or orpool layer (the grid sets the dense layers of a sweep)");
    }

    /// <summary>
    /// What every conv point starts from: <see cref="BaseModel"/> with the conv front of
    /// <c>model.architecture</c>, and so the thresholds <see cref="ModelDefaults.Overlay"/> gives a conv
    /// model (uniform unless the model names them); null without a conv front.
    /// </summary>
    public ModelConfig? ConvModel(string source) =>
        Model?["architecture"] is null ? null : Overlay(Model, source);

    /// <summary>
    /// The base model of every dense point: the data kind's defaults, <see cref="Model"/>'s fields over
    /// them but its conv front (see <see cref="ConvModel"/>).
    /// </summary>
    public ModelConfig BaseModel(string source)
    {
        if (Model is null)
            return ModelDefaults.For(ModelDefaults.KindOf(Data));
        var fields = (JsonObject)Model.DeepClone();
        fields.Remove("architecture");
        return Overlay(fields, source);
    }

    private ModelConfig Overlay(JsonObject model, string source) =>
        ModelDefaults.Overlay(ModelDefaults.For(ModelDefaults.KindOf(Data)), model.ToJsonString(), source + ": model");
}
