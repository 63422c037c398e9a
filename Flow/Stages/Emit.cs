using System.Diagnostics;
using System.Globalization;
using GateForge.Emitters;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Flow;

/// <summary>How to emit a design (the options of `emit`, also used by `demo` and `run`).</summary>
public sealed record EmitSettings
{
    /// <summary>Register stage every k logic levels for the pipelined top (0: combinational only).</summary>
    public int PipelineEvery { get; init; }
    public bool Axi { get; init; }
    public bool Encoder { get; init; }
    /// <summary>Test-bench vectors: test-set samples first (when the model's data is known), then random ones.</summary>
    public int Vectors { get; init; } = 256;
    public string FpgaPart { get; init; } = EmitOptions.DefaultFpgaPart;

    /// <summary>Refuses impossible settings before any work.</summary>
    public void Check()
    {
        if (PipelineEvery < 0)
            throw new FlowUsageException($"--pipeline-every must be 0 (no pipelined top) or a positive number of logic levels, got {PipelineEvery}");
        if (Axi && PipelineEvery == 0)
            throw new FlowUsageException("--axi wraps the pipelined top: give --pipeline-every too");
        if (Vectors < 1)
            throw new FlowUsageException($"--vectors must be at least 1, got {Vectors}");
    }
}

public static partial class DesignFlow
{
    /// <summary>
    /// Emits the design folder atomically with report.json and report.html in it; fills the
    /// report's netlist section. <paramref name="model"/> and <paramref name="test"/> (either may be
    /// null) supply the encoder and the first test-bench vectors.
    /// </summary>
    public static EmitResult Emit(Netlist netlist, Netlist? original, DesignReport report, string folder,
        EmitSettings settings, TrainedModel? model, EncodedTestSet? test, IFlowProgress progress)
    {
        settings.Check();
        if (netlist.LatchCount > 0)
            throw new FlowUsageException(
                $"the netlist is already pipelined ({netlist.LatchCount} registers): emit the combinational netlist and give --pipeline-every K for the pipelined top");
        IReadOnlyList<int[]>? thresholds = null;
        if (settings.Encoder)
        {
            thresholds = model?.Encoder?.Thresholds8Bit() ?? throw new FlowUsageException(EncoderRefusal(model));
        }
        progress.Stage($"emit {folder}");
        var watch = Stopwatch.StartNew();
        var id = Inputs.Identifier(report.Design);
        Netlist? pipelined = null;
        if (settings.PipelineEvery > 0)
            pipelined = new PipelinePass(settings.PipelineEvery).Run(netlist, new PassContext(null, progress.Cancellation)).Netlist;
        var options = new EmitOptions
        {
            DesignName = id,
            Pipelined = pipelined,
            Axi = settings.Axi,
            EncoderThresholds = thresholds,
            InputEncoding = InputEncoding(model, netlist, progress),
            Vectors = Vectors(netlist, settings.Vectors, test),
            OriginalNetlist = original,
            FpgaPart = settings.FpgaPart,
        };
        var gatesBefore = report.Netlist?.GatesBefore ?? (original is null ? null : original.GateCount);
        report.Netlist = NetlistFiles.Section(netlist, gatesBefore);
        if (pipelined is not null)
        {
            report.Netlist.Latency = PipelinePass.LatencyOf(pipelined);
            report.Netlist.PipelineEvery = settings.PipelineEvery;
            report.Netlist.Latches = pipelined.LatchCount;
        }
        report.Area = Area(original, netlist, thresholds, progress.Cancellation);
        report.Source ??= new SourceSection();
        report.Source.OriginalNetlist = original is null ? null : NetlistFiles.OriginalNetlist;
        report.Equivalence = [];
        report.Synthesis = [];
        EmitResult? result = null;
        AtomicOutput.WriteFolder(folder, temp =>
        {
            result = DesignEmitter.Emit(netlist, options, temp);
            WriteReports(report, temp, watch);
        }, ExistingFolder.Replace, progress.Cancellation);
        return result! with { OutputDir = Path.GetFullPath(folder) };
    }

    /// <summary>The emit timing, report.json and report.html into a design folder being staged, listed in its manifest.</summary>
    private static void WriteReports(DesignReport report, string staging, Stopwatch watch)
    {
        report.Timings["emit"] = Math.Round(watch.Elapsed.TotalSeconds, 3);
        ReportJson.Save(report, Path.Combine(staging, ReportJson.FileName));
        ReportHtml.Save(report, Path.Combine(staging, ReportHtml.FileName));
        DesignManifest.Load(staging).WithFiles(
            new DesignFile(ReportJson.FileName, DesignFileKind.Report),
            new DesignFile(ReportHtml.FileName, DesignFileKind.ReportHtml)).Save(staging);
    }

    /// <summary>The model's encoder for the C helper <c>&lt;d&gt;_encode</c>, when it feeds exactly the netlist's inputs.</summary>
    private static IReadOnlyList<Emitters.C.CFeatureEncoding>? InputEncoding(TrainedModel? model, Netlist netlist, IFlowProgress progress)
    {
        if (model?.Encoder is not { } encoder)
            return null;
        if (encoder.BitCount != netlist.InputCount)
        {
            progress.Line($"  no C encode helper: the encoder gives {encoder.BitCount} bits, the netlist has {netlist.InputCount} inputs");
            return null;
        }
        return [.. encoder.Features.Select(f => f.Kind == Training.Encoding.FeatureEncodingKind.OneHot
            ? new Emitters.C.CFeatureEncoding(f.Name, [], f.Categories.Length)
            : new Emitters.C.CFeatureEncoding(f.Name, f.Thresholds))];
    }

    /// <summary>Why <c>--encoder</c> cannot build the hardware encoder: it compares integer 8-bit features (0..255) with constants.</summary>
    private static string EncoderRefusal(TrainedModel? model)
    {
        const string Limit = "--encoder builds 8-bit comparators, so every feature must be an integer 8-bit value (0..255) encoded by thresholds";
        if (model?.Encoder is not { } encoder)
            return $"{Limit}; the netlist's checkpoint is not known, so its encoder is not either (emit a netlist frozen from a checkpoint)";
        var bad = encoder.Features.First(f => f.Kind != Training.Encoding.FeatureEncodingKind.Thermometer || !f.ByteInput);
        return bad.Kind != Training.Encoding.FeatureEncodingKind.Thermometer
            ? $"{Limit}; feature '{bad.Name}' is categorical (one-hot)"
            : $"{Limit}; feature '{bad.Name}' takes values that are not integers in 0..255";
    }

    /// <summary>
    /// <c>emit</c> from files: the netlist's partial report names the original netlist, the
    /// checkpoint and the data set, which supply <c>netlist.orig.json</c>, the encoder and the vectors.
    /// </summary>
    public static EmitResult EmitFile(string inputPath, string folder, string? name, string? originalPath, string? dataSpec,
        EmitSettings settings, IFlowProgress progress)
    {
        settings.Check();
        var netlistFile = NetlistFiles.Resolve(inputPath);
        var netlist = NetlistFiles.Load(netlistFile);
        var design = name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var report = NetlistFiles.LoadSidecar(netlistFile, design);
        report.Design = design;
        originalPath ??= report.Source?.OriginalNetlist is { } o && File.Exists(o) ? o : null;
        var original = originalPath is null ? null : NetlistFiles.Load(originalPath);
        if (IsSequentialDesign(netlist))
            return EmitRecurrent(netlist, original, report, folder, name, progress);
        var model = report.Source?.Checkpoint is { } ck && Directory.Exists(ck) ? TrainedModel.Load(ck) : null;
        var data = model is null ? null
            : dataSpec is not null ? DataSets.Load(dataSpec)
            : report.Model?.Dataset is { Length: > 0 } spec ? DataSets.LoadRecorded(spec, $"the report beside '{inputPath}'")
            : null;
        var test = data is null ? null : EncodedTestSet.Of(model!, data.Test);
        return Emit(netlist, original, report, folder, settings, model, test, progress);
    }

    /// <summary>
    /// The area breakdown when the original netlist records its parts (a frozen model), with LUT6
    /// figures when ABC is installed; the encoder leads when it is emitted.
    /// </summary>
    private static AreaSection? Area(Netlist? original, Netlist netlist, IReadOnlyList<int[]>? thresholds, CancellationToken cancellation)
    {
        if (original is null || DesignParts.Read(original).Count == 0 || netlist.LatchCount > 0)
            return null;
        Func<Netlist, long>? lut6 = Ir.Tools.AbcLutMapper.IsInstalled ? nl => Ir.Tools.AbcLutMapper.Count(nl, cancellation: cancellation) : null;
        return AreaSection.Of(Sim.Area.AreaAttribution.Compute(original, netlist, thresholds, lut6));
    }

    /// <summary>Test-bench vectors: the first test samples when the model's data is known, random ones for the rest.</summary>
    private static EmitVectors Vectors(Netlist netlist, int count, EncodedTestSet? test)
    {
        var inputs = new PackedBits(netlist.InputCount, count);
        var fromData = 0;
        if (test is not null && test.InputBits == netlist.InputCount)
        {
            fromData = Math.Min(count, test.Count);
            var bits = test.First(fromData);
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
