using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GateForge.Ir;
using GateForge.Training.Models;

namespace GateForge.Flow;

/// <summary>
/// The config file of <c>gateforge run</c>: the whole pipeline, data to verified and synthesised
/// design. Unknown keys are refused (a typo must not silently fall back to a default).
/// </summary>
public sealed class PipelineConfig
{
    /// <summary>Design name; the folder is <c>hw-out/&lt;design&gt;</c> unless <see cref="Output"/> says otherwise.</summary>
    public string Design { get; set; } = "design";
    /// <summary>Data set spec (see `gateforge train --help`).</summary>
    public string Data { get; set; } = "mnist-10k";
    /// <summary>The model config (ModelConfig's JSON keys); null: the demo model, or a small one for small data.</summary>
    public JsonObject? Model { get; set; }
    /// <summary>Checkpoint folder (default <c>checkpoints/&lt;design&gt;</c>).</summary>
    public string? Checkpoint { get; set; }
    /// <summary>Use the checkpoint as it is instead of training.</summary>
    public bool SkipTraining { get; set; }
    public string? Output { get; set; }
    /// <summary>What the head outputs: <c>scores</c> (scores and class_id, the default) or <c>class_id</c> alone.</summary>
    public string Outputs { get; set; } = HeadOutputsNames.Scores;
    /// <summary>Optimisation: a level (-O0..-O3) or a pipeline string.</summary>
    public string Opt { get; set; } = "-O2";
    public int PipelineEvery { get; set; } = 8;
    public bool Axi { get; set; }
    public bool Encoder { get; set; }
    public int Vectors { get; set; } = 256;
    public VerifyConfig Verify { get; set; } = new();
    /// <summary>Synthesis targets; empty skips synthesis.</summary>
    public List<string> Synth { get; set; } = ["lut6", "xilinx", "ice40"];
    public int SynthYosysMaxGates { get; set; } = 5_000;
    public int SynthFastMaxGates { get; set; } = 30_000;
    public int SynthTimeoutSeconds { get; set; } = 300;

    /// <summary>The design folder: <see cref="Output"/>, else <c>hw-out/&lt;design&gt;</c>.</summary>
    [JsonIgnore]
    public string OutputFolder => Output ?? Path.Combine("hw-out", Design);

    /// <summary>The checkpoint folder: <see cref="Checkpoint"/>, else <c>checkpoints/&lt;design&gt;</c>.</summary>
    [JsonIgnore]
    public string CheckpointFolder => Checkpoint ?? Path.Combine("checkpoints", Design);

    public static PipelineConfig Load(string path)
    {
        var file = Inputs.RequireFile(path, "pipeline config");
        if (!file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new FlowUsageException($"'{path}' is not a pipeline config: expected a .json file");
        try
        {
            var config = JsonSerializer.Deserialize(File.ReadAllText(file), PipelineConfigJson.Default.PipelineConfig)
                ?? throw new FlowUsageException($"{path}: the config is empty (null)");
            // JSON null passes the serializer for a non-nullable string or object: refuse it here
            // (fuzzed: {"design": null} crashed with ArgumentNullException at the output folder)
            foreach (var (key, value) in new (string, object?)[]
                { ("design", config.Design), ("data", config.Data), ("opt", config.Opt), ("verify", config.Verify), ("synth", config.Synth) })
            {
                if (value is null)
                    throw new FlowUsageException($"{path}: bad pipeline config: \"{key}\" must not be null");
            }
            if (config.Synth.Any(t => t is null))
                throw new FlowUsageException($"{path}: bad pipeline config: \"synth\" lists null");
            return config;
        }
        catch (JsonException e)
        {
            // the reader's message quotes the rest of the file (fuzzed: 380 of 100,000 inputs gave several lines)
            throw new FlowUsageException($"{path}: bad pipeline config: {Ir.JsonErrors.Message(e)}", e);
        }
    }

    /// <summary><see cref="Outputs"/> as the head's kind; a name other than scores or class_id is refused.</summary>
    public HeadOutputs HeadOutputs(string source) => HeadOutputsNames.Parse(Outputs)
        ?? throw new FlowUsageException($"{source}: outputs must be {HeadOutputsNames.Choices}, not '{Excerpt.Of(Outputs)}'");

    public ModelConfig? ModelConfig(string source) =>
        Model is null ? null : ModelDefaults.Overlay(ModelDefaults.For(ModelDefaults.KindOf(Data)), Model.ToJsonString(), source + ": model");
}

public sealed class VerifyConfig
{
    public int Random { get; set; } = 2000;
    public int HdlVectors { get; set; } = 1000;
    /// <summary>Test samples used as vectors (0: the whole test set).</summary>
    public int TestVectors { get; set; }
    public bool C { get; set; } = true;
    public bool Icarus { get; set; } = true;
    public bool Verilator { get; set; } = true;
    public bool Formal { get; set; } = true;
    /// <summary>Skip Verilator on designs with more gates than this (0: no limit); the report says it was skipped and why.</summary>
    public int VerilatorMaxGates { get; set; }
    /// <summary>Skip Icarus Verilog on designs with more gates than this (0: no limit).</summary>
    public int IcarusMaxGates { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(PipelineConfig))]
internal sealed partial class PipelineConfigJson : JsonSerializerContext;
