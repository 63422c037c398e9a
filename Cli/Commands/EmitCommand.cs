using System.CommandLine;
using GateForge.Cli.Reports;
using GateForge.Emitters;
using GateForge.Ir.Passes;
using GateForge.Ir;
using GateForge.Sim;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Cli.Commands;

/// <summary>How to emit a design (the options of `emit`, also used by `demo` and `run`).</summary>
internal sealed record EmitSettings
{
    /// <summary>Register stage every k logic levels for the pipelined top (0: combinational only).</summary>
    public int PipelineEvery { get; init; }
    public bool Axi { get; init; }
    public bool Encoder { get; init; }
    /// <summary>Test-bench vectors: test-set samples first (when the model's data is known), then random ones.</summary>
    public int Vectors { get; init; } = 256;
    public string FpgaPart { get; init; } = EmitOptions.DefaultFpgaPart;
}

/// <summary><c>gateforge emit NETLIST -o hw-out/DESIGN</c>: writes the design folder (Verilog, test benches, AIGER, C, scripts, report).</summary>
internal static class EmitCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("netlist") { Description = "Optimised netlist (.json, .aag, .aig)" };
        var output = new Option<string>("--output", "-o") { Description = "Design folder to write, e.g. hw-out/my-design", Required = true };
        var name = new Option<string?>("--name") { Description = "Design name (default: the folder's name); module and file names use it as an identifier" };
        var original = new Option<string?>("--original") { Description = "The netlist before optimisation (default: the one `opt` recorded), kept for `verify`" };
        var every = new Option<int>("--pipeline-every") { Description = "Also emit a pipelined top with a register stage every k logic levels (0: none)" };
        var axi = new Option<bool>("--axi") { Description = "Also emit an AXI4-Stream wrapper around the pipelined top (needs --pipeline-every)" };
        var encoder = new Option<bool>("--encoder") { Description = "Also emit the input encoder in hardware (8-bit features compared with the thresholds)" };
        var vectors = new Option<int>("--vectors") { Description = "Test-bench vectors (test samples first, then random)", DefaultValueFactory = _ => 256 };
        var part = new Option<string>("--part") { Description = "FPGA part for vivado.tcl", DefaultValueFactory = _ => EmitOptions.DefaultFpgaPart };
        var command = new Command("emit", "Write the design folder: Verilog, test benches, AIGER, C, scripts, report") { input, output, name, original, every, axi, encoder, vectors, part };
        command.SetAction(parse =>
        {
            var settings = new EmitSettings
            {
                PipelineEvery = parse.GetValue(every),
                Axi = parse.GetValue(axi),
                Encoder = parse.GetValue(encoder),
                Vectors = parse.GetValue(vectors),
                FpgaPart = parse.GetValue(part)!,
            };
            return Run(context, parse.GetValue(input)!, parse.GetValue(output)!, parse.GetValue(name), parse.GetValue(original), settings);
        });
        return command;
    }

    private static int Run(CliContext context, string inputPath, string folder, string? name, string? originalPath, EmitSettings settings)
    {
        Check(settings);
        var netlistFile = NetlistFiles.Resolve(inputPath);
        var netlist = NetlistFiles.Load(netlistFile);
        var design = name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var report = NetlistFiles.LoadSidecar(netlistFile, design);
        report.Design = design;
        originalPath ??= report.Source?.OriginalNetlist is { } o && File.Exists(o) ? o : null;
        var original = originalPath is null ? null : NetlistFiles.Load(originalPath);
        var model = report.Source?.Checkpoint is { } ck && Directory.Exists(ck) ? TrainedModel.Load(ck) : null;
        var data = report.Model?.Dataset is { Length: > 0 } spec && model is not null ? DataSets.Load(spec) : null;
        Emit(context, netlist, original, report, folder, settings, model, data);
        context.Line($"wrote {folder}");
        return ExitCodes.Ok;
    }

    public static void Check(EmitSettings settings)
    {
        if (settings.PipelineEvery < 0)
            throw new UsageException($"--pipeline-every must be 0 (no pipelined top) or a positive number of logic levels, got {settings.PipelineEvery}");
        if (settings.Axi && settings.PipelineEvery == 0)
            throw new UsageException("--axi wraps the pipelined top: give --pipeline-every too");
        if (settings.Vectors < 1)
            throw new UsageException($"--vectors must be at least 1, got {settings.Vectors}");
    }

    /// <summary>Emits the folder atomically with report.json and report.html in it; fills the report's netlist section.</summary>
    public static EmitResult Emit(CliContext context, Netlist netlist, Netlist? original, DesignReport report, string folder,
        EmitSettings settings, TrainedModel? model, DataSplit? data)
    {
        Check(settings);
        var stage = context.Stage($"emit {folder}");
        var id = Inputs.Identifier(report.Design);
        Netlist? pipelined = null;
        if (settings.PipelineEvery > 0)
            pipelined = new PipelinePass(settings.PipelineEvery).Run(netlist, new PassContext(null, context.Cancellation)).Netlist;
        IReadOnlyList<int[]>? thresholds = null;
        if (settings.Encoder)
        {
            thresholds = model?.Encoder?.Thresholds8Bit()
                ?? throw new UsageException("--encoder needs a model whose encoder has 8-bit thresholds (a design frozen from a checkpoint with numeric features)");
        }
        var options = new EmitOptions
        {
            DesignName = id,
            Pipelined = pipelined,
            Axi = settings.Axi,
            EncoderThresholds = thresholds,
            Vectors = Vectors(netlist, settings.Vectors, model, data),
            OriginalNetlist = original,
            FpgaPart = settings.FpgaPart,
        };
        var gatesBefore = report.Netlist?.GatesBefore ?? (original is null ? null : original.GateCount);
        report.Netlist = NetlistFiles.Section(netlist, gatesBefore);
        if (pipelined is not null)
        {
            report.Netlist.Latency = int.Parse(pipelined.Attribute(PipelinePass.LatencyAttribute) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            report.Netlist.PipelineEvery = settings.PipelineEvery;
            report.Netlist.Latches = pipelined.LatchCount;
        }
        report.Source ??= new SourceSection();
        report.Source.OriginalNetlist = original is null ? null : NetlistFiles.OriginalNetlist;
        report.Equivalence = [];
        report.Synthesis = [];
        EmitResult? result = null;
        AtomicOutput.WriteFolder(folder, temp =>
        {
            result = DesignEmitter.Emit(netlist, options, temp);
            report.Timings["emit"] = Math.Round(stage.Elapsed.TotalSeconds, 3);
            ReportJson.Save(report, Path.Combine(temp, ReportJson.FileName));
            ReportHtml.Save(report, Path.Combine(temp, ReportHtml.FileName));
        }, ExistingFolder.Replace, context.Cancellation);
        return result! with { OutputDir = Path.GetFullPath(folder) };
    }

    /// <summary>Test-bench vectors: the first test samples when the model's data is known, random ones for the rest.</summary>
    private static EmitVectors Vectors(Netlist netlist, int count, TrainedModel? model, DataSplit? data)
    {
        var inputs = new PackedBits(netlist.InputCount, count);
        var fromData = 0;
        if (model is not null && data is not null && model.InputBits == netlist.InputCount)
        {
            fromData = Math.Min(count, data.Test.Count);
            var bits = model.Encode(data.Test.Take(fromData));
            for (var s = 0; s < fromData; s++)
                for (var i = 0; i < netlist.InputCount; i++)
                    if (bits[s * netlist.InputCount + i] != 0)
                        inputs.Set(i, s, true);
        }
        var random = PackedBits.Random(netlist.InputCount, count, seed: 1);
        for (var s = fromData; s < count; s++)
            for (var i = 0; i < netlist.InputCount; i++)
                if (random.Get(i, s))
                    inputs.Set(i, s, true);
        foreach (var c in netlist.Constraints)
        {
            var row = netlist.InputOffset(c.Bus) + c.Bit;
            for (var s = 0; s < count; s++)
                inputs.Set(row, s, c.Value);
        }
        return new EmitVectors(inputs, CombEvaluator.Evaluate(netlist, inputs));
    }
}
