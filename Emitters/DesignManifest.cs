using System.Text.Json;
using System.Text.Json.Serialization;
using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>What a file of a design folder is.</summary>
[JsonConverter(typeof(Ir.Tools.LowerCaseEnumConverter<DesignFileKind>))]
public enum DesignFileKind
{
    /// <summary><c>&lt;d&gt;.v</c>, the combinational top.</summary>
    Verilog,
    /// <summary><c>&lt;d&gt;_pipe.v</c>, the pipelined top.</summary>
    PipelinedVerilog,
    /// <summary><c>&lt;d&gt;_axis.v</c>, the AXI4-Stream wrapper.</summary>
    AxiStreamVerilog,
    /// <summary><c>&lt;d&gt;_enc.v</c>, the input encoder.</summary>
    EncoderVerilog,
    /// <summary><c>&lt;d&gt;_tb.v</c>.</summary>
    TestBench,
    /// <summary><c>&lt;d&gt;_pipe_tb.v</c>.</summary>
    PipelinedTestBench,
    /// <summary><c>&lt;d&gt;_axis_tb.v</c>, the AXI4-Stream wrapper's test bench.</summary>
    AxiStreamTestBench,
    VectorsIn,
    VectorsOut,
    /// <summary><c>seq_in.hex</c>: a sequential design's test-bench steps (x, in_last, rst).</summary>
    SequenceVectorsIn,
    /// <summary><c>seq_out.hex</c>: a sequential design's expected result per sequence.</summary>
    SequenceVectorsOut,
    AigerAscii,
    AigerBinary,
    CHeader,
    CSource,
    YosysScript,
    VivadoScript,
    Makefile,
    Netlist,
    OriginalNetlist,
    /// <summary>This manifest.</summary>
    Manifest,
    /// <summary><c>report.json</c> (written by Flow).</summary>
    Report,
    /// <summary><c>report.html</c> (written by Flow).</summary>
    ReportHtml,
}

/// <summary>How a design takes its inputs.</summary>
[JsonConverter(typeof(Ir.Tools.LowerCaseEnumConverter<DesignInterface>))]
public enum DesignInterface
{
    /// <summary>One input vector, one result (SPEC §3; with a pipelined top when emitted).</summary>
    Combinational,
    /// <summary>One step per clock with in_valid/in_last, a result with out_valid per sequence (SPEC §8).</summary>
    Sequence,
}

/// <summary>One file of the folder (name relative to it).</summary>
public sealed record DesignFile(string Name, DesignFileKind Kind);

/// <summary>One bus of the combinational top, LSB first.</summary>
public sealed record DesignBus(string Name, int Width);

/// <summary>
/// <c>design.json</c>, written by <see cref="DesignEmitter"/> into every design folder: the design
/// and module names, every file and what it is, the buses, the latency, the C prefix and the
/// vectors. The harness, <c>synth</c>, <c>report</c> and <c>sim</c> read it instead of guessing
/// from a listing. This class is its one reader and writer.
/// </summary>
public sealed record DesignManifest
{
    public const string FormatName = "gateforge-design";
    public const int CurrentVersion = 1;

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    /// <summary>Design name: the file stem and combinational module name (an identifier).</summary>
    public required string Design { get; init; }
    public required string Module { get; init; }
    /// <summary>Combinational (with its pipelined form), or sequential (SPEC §8: one step per clock).</summary>
    public DesignInterface Interface { get; init; } = DesignInterface.Combinational;
    /// <summary>Module of the pipelined top; null when there is none.</summary>
    public string? PipelinedModule { get; init; }
    /// <summary>Cycles from input to output of the pipelined top (0: combinational only); of a sequential design, from the last step to out_valid.</summary>
    public int Latency { get; init; }
    /// <summary>
    /// Logic levels per register stage of the pipelined top (0: none). `verify` rebuilds the
    /// pipelined netlist from <c>netlist.json</c> with it and proves it against <c>&lt;d&gt;_pipe.v</c>
    /// and against <c>netlist.json</c> delayed by <see cref="Latency"/> (ABC <c>dsec</c>).
    /// </summary>
    public int PipelineEvery { get; init; }
    /// <summary>Prefix of the C functions and macros (<c>&lt;d&gt;_</c>); null when no C was written.</summary>
    public string? CPrefix { get; init; }
    public required IReadOnlyList<DesignBus> Inputs { get; init; }
    public required IReadOnlyList<DesignBus> Outputs { get; init; }
    /// <summary>Test vectors in <c>vectors_in.hex</c> / <c>vectors_out.hex</c> (0: none written).</summary>
    public int Vectors { get; init; }
    /// <summary>Sequences in <c>seq_in.hex</c> / <c>seq_out.hex</c> of a sequential design (0: none).</summary>
    public int Sequences { get; init; }
    public required IReadOnlyList<DesignFile> Files { get; init; }

    /// <summary>The file of a kind, or null.</summary>
    public string? File(DesignFileKind kind) => Files.FirstOrDefault(f => f.Kind == kind)?.Name;

    /// <summary>This manifest with more files (those already listed are not repeated).</summary>
    public DesignManifest WithFiles(params DesignFile[] more) =>
        this with { Files = [.. Files, .. more.Where(m => Files.All(f => f.Name != m.Name))] };

    public string ToJson() => JsonSerializer.Serialize(this, DesignManifestJson.Default.DesignManifest) + "\n";

    public void Save(string folder) => AtomicOutput.WriteText(Path.Combine(folder, Names.Files.Manifest), ToJson());

    /// <summary>True when <paramref name="folder"/> has a manifest.</summary>
    public static bool Exists(string folder) => System.IO.File.Exists(Path.Combine(folder, Names.Files.Manifest));

    /// <summary>Reads a folder's manifest; a missing, malformed or foreign one is a <see cref="NetlistException"/>.</summary>
    public static DesignManifest Load(string folder)
    {
        var path = Path.Combine(folder, Names.Files.Manifest);
        if (!System.IO.File.Exists(path))
            throw new NetlistException($"{folder}: not a design folder (no {Names.Files.Manifest}; write one with `gateforge emit`)");
        DesignManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(System.IO.File.ReadAllText(path), DesignManifestJson.Default.DesignManifest);
        }
        catch (JsonException e)
        {
            throw new NetlistException($"{path}: not a GateForge design manifest: {e.Message}", e);
        }
        if (manifest is null || manifest.Format != FormatName)
            throw new NetlistException($"{path}: not a GateForge design manifest (format must be \"{FormatName}\")");
        if (manifest.Version != CurrentVersion)
            throw new NetlistException($"{path}: design manifest version {manifest.Version} is not supported (this GateForge reads version {CurrentVersion})");
        return manifest;
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DesignManifest))]
internal sealed partial class DesignManifestJson : JsonSerializerContext;
