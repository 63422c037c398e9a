using System.Globalization;
using GateForge.Emitters;
using GateForge.Emitters.Sequential;
using GateForge.Flow.Reports;
using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Ir.Tools;
using GateForge.Sim;
using GateForge.Training.Data;
using GateForge.Training.Freeze;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

namespace GateForge.Flow;

/// <summary>
/// The recurrent family's stages (SPEC §8): train on a stream task or image rows, freeze into a
/// sequential netlist, emit its design folder, verify it with the sequential checks of
/// <see cref="SequenceChecks"/>. The CLI verbs dispatch here when the data, the config, the
/// checkpoint or the netlist is recurrent.
/// </summary>
public static partial class DesignFlow
{
    /// <summary>Sequences of the design folder's verification beyond the test bench's: seeded, lengths 1–64.</summary>
    public const int RandomSequences = 500;

    /// <summary>Whether a training run is recurrent: a stream data set or a config with a recurrent section.</summary>
    public static bool IsRecurrent(string dataSpec, ModelConfig? config) => SequenceData.IsSequenceSpec(dataSpec) || config?.Recurrent is not null;

    /// <summary>Whether a netlist is a sequential design with the SPEC §8 interface.</summary>
    public static bool IsSequentialDesign(Netlist netlist) => netlist.Attribute(Names.Attributes.SequenceLatency) is not null;

    /// <summary>Whether a folder is a checkpoint of a recurrent model (false when it is no checkpoint: freeze says why).</summary>
    public static bool IsRecurrentCheckpoint(string dir) =>
        File.Exists(Path.Combine(dir, Training.Checkpoints.Checkpoint.ConfigFile)) && TrainedRecurrentModel.IsRecurrentCheckpoint(dir);

    /// <summary>Trains a recurrent model (the config has a recurrent section; a stream task's default is <see cref="ModelConfig.SmallRecurrent"/>).</summary>
    public static RecurrentTrainResult TrainRecurrent(TrainSettings settings, IFlowProgress progress)
    {
        var output = settings.Checkpoint;
        if (File.Exists(output))
            throw new FlowUsageException($"output '{output}' is a file; a checkpoint is a folder");
        var stream = SequenceData.IsSequenceSpec(settings.Data);
        var config = settings.Config;
        if (config.Recurrent is null)
            throw new FlowUsageException($"data set {settings.Data} is sequence data: the model config needs a recurrent section (SPEC §8)");
        var r = config.Recurrent!;
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"training a recurrent model ({r.Hidden} hidden bits{(r.StateShift > 0 ? $" shifting {r.StateShift} per step" : "")}{(r.StateWiring == StateWiring.Local ? " wired locally" : "")}, step layers {string.Join('+', r.StepWidths())}, readout {string.Join('+', r.Readout)}) on {settings.Data}, {config.Steps} steps"));
        RecurrentTrainResult result;
        using (var bar = progress.Bar("train"))
        {
            var options = TrainOptionsFor(settings, DataSets.Anchored(settings.Data), bar, progress);
            result = stream
                ? RecurrentTrainer.Train(config, SequenceData.Load(settings.Data), options)
                : RecurrentTrainer.Train(config, settings.Split ?? DataSets.Load(settings.Data), options);
        }
        if (result.Cancelled)
            throw new OperationCanceledException();
        var e = result.BestEvaluation; // the checkpoint freeze takes, not the last step
        var last = result.Best.Step == result.Steps ? ""
            : string.Create(CultureInfo.InvariantCulture, $" (at the last step: discrete {100 * result.LastEvaluation.DiscreteAccuracy:0.00}%)");
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps in {result.Seconds:0.0} s; best checkpoint: step {result.Best.Step}: test accuracy soft {100 * e.SoftAccuracy:0.00}%, discrete {100 * e.DiscreteAccuracy:0.00}%{last}; checkpoint {output}"));
        return result;
    }

    /// <summary>
    /// <c>freeze</c> of a recurrent checkpoint: the sequential netlist, checked on the test sequences
    /// and random ones; its partial report (model, accuracy on the test sequences, training curves,
    /// the sequence interface) is written beside it for emit.
    /// </summary>
    public static Netlist FreezeRecurrentToFile(string checkpoint, string? dataSpec, string output, IFlowProgress progress)
    {
        NetlistFiles.CheckOutput(output);
        progress.Stage("freeze");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var dir = Inputs.RequireFolder(checkpoint, "checkpoint folder");
        var model = TrainedRecurrentModel.Load(dir);
        var checkpointFiles = Training.Checkpoints.Checkpoint.Load(dir);
        var curve = checkpointFiles.Curve(); // reads metrics.csv: a malformed row stops here, before any work
        var spec = dataSpec is not null ? DataSets.Anchored(dataSpec) : checkpointFiles.Record?.Dataset;
        var test = TestSet(model, spec);
        var netlist = RecurrentFreezer.Freeze(model, test);
        NetlistFiles.Save(netlist, output);
        var report = new DesignReport
        {
            Design = Path.GetFileNameWithoutExtension(output),
            Model = new ModelSection
            {
                Config = System.Text.Json.Nodes.JsonNode.Parse(model.Config.ToJson()),
                Dataset = spec,
                CheckpointStep = model.Step,
                TrainedSteps = checkpointFiles.State.Step,
                ChosenOn = checkpointFiles.Best is null ? null : checkpointFiles.State.BestChosenOn,
            },
            Source = new SourceSection { Checkpoint = dir },
            Netlist = NetlistFiles.Section(netlist, netlist.GateCount),
            Training = TrainingCurves.Of(curve),
            Sequence = SequenceOf(netlist, test?.MaxLength),
        };
        if (test is not null)
        {
            var discrete = TrainedModel.Accuracy(model.Network.Predict(test).ClassId, test.Labels);
            var soft = TrainedModel.Accuracy(model.PredictSoft(test), test.Labels);
            report.Model.Accuracy = new AccuracySection { Soft = soft, Discrete = discrete };
            report.Model.Gap = Math.Round(100 * (soft - discrete), 4);
            report.Model.TestSamples = test.Count;
        }
        report.Timings["freeze"] = Math.Round(watch.Elapsed.TotalSeconds, 3);
        NetlistFiles.SaveSidecar(report, output);
        progress.Line($"frozen sequential netlist equals the model in discrete mode on {(test is null ? "" : $"{test.Count} test sequences and ")}512 random sequences, back to back; "
            + $"{netlist.GateCount} gates, {netlist.LatchCount} latches; wrote {output}");
        return netlist;
    }

    /// <summary>The test sequences (with labels) of a data spec for a recurrent model (null when there is no spec).</summary>
    private static SequenceSet? TestSet(TrainedRecurrentModel model, string? dataSpec) =>
        string.IsNullOrEmpty(dataSpec) ? null
        : SequenceData.IsSequenceSpec(dataSpec) ? SequenceData.Load(dataSpec).Test
        : model.Sequences(DataSets.LoadRecorded(dataSpec, "the recurrent checkpoint").Test);

    /// <summary>The report's sequence section: state, step width, latency, and cycles per inference when the data's <paramref name="steps"/> are known.</summary>
    private static SequenceSection SequenceOf(Netlist netlist, int? steps)
    {
        var latency = SequentialDesignEmitter.Latency(netlist);
        return new SequenceSection
        {
            // the freezer adds one `done` latch (in_valid AND in_last, it drives out_valid) beside
            // the hidden latches; reporting every latch as hidden said "17 hidden bits" for 16
            HiddenBits = netlist.LatchCount - 1,
            Latches = netlist.LatchCount,
            StepBits = netlist.InputBus(Names.Buses.Input).Width,
            Latency = latency,
            Steps = steps,
            CyclesPerInference = steps + latency,
        };
    }

    /// <summary>
    /// <c>emit</c> of a sequential design: the folder of <see cref="SequentialDesignEmitter"/> with
    /// report.json and report.html (from the netlist's partial report), written whole. The test
    /// bench's sequences are seeded random ones; their expected results come from the unoptimised
    /// netlist (the frozen, self-checked one) when given, else from this one.
    /// </summary>
    public static EmitResult EmitRecurrent(Netlist netlist, Netlist? original, DesignReport report, string folder, string? name, IFlowProgress progress)
    {
        progress.Stage($"emit {folder}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var design = Inputs.Identifier(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
        var sequences = BitSequences.Random(netlist.InputBus(Names.Buses.Input).Width, 200, 1, 64, seed: 1);
        var expected = SequenceChecks.Results(original ?? netlist, sequences);
        report.Design = design;
        var gatesBefore = report.Netlist?.GatesBefore ?? original?.GateCount;
        report.Netlist = NetlistFiles.Section(netlist, gatesBefore);
        // The steps come from freeze's report (it knew the data); the rest from the netlist emitted.
        report.Sequence = SequenceOf(netlist, report.Sequence?.Steps);
        report.Netlist.Latency = report.Sequence.Latency;
        report.Source ??= new SourceSection();
        report.Source.OriginalNetlist = original is null ? null : NetlistFiles.OriginalNetlist;
        report.Equivalence = [];
        report.Synthesis = [];
        IReadOnlyList<DesignFile> files = [];
        AtomicOutput.WriteFolder(folder, temp =>
        {
            files = SequentialDesignEmitter.Write(netlist, original, design, sequences, expected, temp);
            WriteReports(report, temp, watch);
        }, ExistingFolder.Replace, progress.Cancellation);
        var result = new EmitResult(Path.GetFullPath(folder), [.. files.Select(f => f.Name), ReportJson.FileName, ReportHtml.FileName]);
        progress.Line($"wrote {result.Files.Count} files to {result.OutputDir}");
        return result;
    }

    /// <summary>
    /// <c>verify</c> of a sequential design folder: netlist.json against netlist.orig.json by
    /// simulation of random sequences and by dsec, the AIGER against the Verilog through Yosys
    /// (dsec), the test bench in Icarus and Verilator, the C model.
    /// </summary>
    public static EquivalenceReport VerifyRecurrent(string folder, VerifySettings settings, IFlowProgress progress)
    {
        progress.Stage($"verify {folder}");
        var dir = Inputs.RequireFolder(folder, "design folder");
        if (!DesignManifest.Exists(dir))
            throw new FlowUsageException($"design folder '{folder}' has no {Names.Files.Manifest} (was it written by `gateforge emit`?)");
        var manifest = DesignManifest.Load(dir);
        var design = manifest.Design;
        var netlist = NetlistFiles.Load(Path.Combine(dir, manifest.File(DesignFileKind.Netlist) ?? Names.Files.Netlist));
        var originalPath = Path.Combine(dir, NetlistFiles.OriginalNetlist);
        var original = File.Exists(originalPath) ? NetlistFiles.Load(originalPath) : netlist;
        var reportPath = Path.Combine(dir, ReportJson.FileName);
        var report = File.Exists(reportPath) ? ReportJson.Load(reportPath) : null;
        var model = report?.Source?.Checkpoint is { } ck && TrainedRecurrentModel.IsRecurrentCheckpoint(ck) ? TrainedRecurrentModel.Load(ck) : null;
        var test = model is null ? null : TestSet(model, report?.Model?.Dataset);
        var work = Path.Combine(Path.GetTempPath(), $"gateforge-verify-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var checks = new List<CheckResult>();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var f = netlist.InputBus(Names.Buses.Input).Width;
            if (model is not null && test is not null)
                checks.Add(SequenceChecks.Simulate(netlist, test.Inputs, model.Network.AsEvaluator(),
                    $"{Names.Files.Netlist} vs model (cycle simulation, {test.Count} test sequences)", Names.Files.Netlist));
            var sequences = BitSequences.Random(f, RandomSequences, 1, 64, seed: 2);
            Func<BitSequences, PackedBits> reference = model is not null ? model.Network.AsEvaluator() : s => SequenceChecks.Results(original, s);
            var golden = model is not null ? "model" : Names.Files.OriginalNetlist;
            checks.Add(SequenceChecks.Simulate(netlist, sequences, reference,
                $"{Names.Files.Netlist} vs {golden} (cycle simulation, random sequences)", Names.Files.Netlist));
            // A check turned off is reported as skipped, as the feed-forward harness does (issue 16), not dropped.
            CheckResult Off(string name, string artifact, EquivalenceTool tool) =>
                new(name, CheckStatus.Skipped, "skipped: " + (settings.OffReasons.TryGetValue(tool, out var why) ? why : "turned off"), TimeSpan.Zero) { Artifact = artifact };
            var aigName = $"{design}.aig vs {design}.v through Yosys (ABC dsec)";
            var dsecName = $"{Names.Files.OriginalNetlist} vs {Names.Files.Netlist} (ABC dsec)";
            if (settings.Formal)
            {
                checks.Add(SequenceChecks.Dsec(original, netlist, Path.Combine(work, "dsec"), dsecName, Names.Files.Netlist));
                checks.Add(SequenceChecks.NetlistVsVerilog(Aiger.Load(Path.Combine(dir, manifest.File(DesignFileKind.AigerBinary) ?? design + ".aig")),
                    Path.Combine(dir, manifest.File(DesignFileKind.Verilog) ?? design + ".v"), design,
                    Path.Combine(work, "yosys"), aigName));
            }
            else
            {
                checks.Add(Off(dsecName, Names.Files.Netlist, EquivalenceTool.Formal));
                checks.Add(Off(aigName, design + ".aig", EquivalenceTool.Formal));
            }
            checks.Add(settings.C ? SequenceChecks.CModel(dir, design, f, Path.Combine(work, "c"))
                : Off($"{design}.c {design}_predict on whole sequences", design + ".c", EquivalenceTool.C));
            checks.Add(settings.Icarus ? SequenceChecks.TestBench(dir, design, verilator: false, Path.Combine(work, "icarus"))
                : Off($"{design}_tb.v in Icarus", design + ".v", EquivalenceTool.Icarus));
            checks.Add(settings.Verilator ? SequenceChecks.TestBench(dir, design, verilator: true, Path.Combine(work, "verilator"))
                : Off($"{design}_tb.v in Verilator", design + ".v", EquivalenceTool.Verilator));
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        var result = new EquivalenceReport(design, 0, RandomSequences, checks);
        foreach (var check in checks)
            progress.Line("  " + check);
        progress.Line($"verified in {Durations.Seconds(watch.Elapsed)}: {result.Count(CheckStatus.Pass)} pass, {result.Count(CheckStatus.Fail)} fail, {result.Count(CheckStatus.Skipped)} skipped"
            + (model is null ? " (no trained model known: the golden reference is the unoptimised netlist)" : ""));
        if (report is not null)
        {
            Record(report, result);
            ReportJson.Save(report, reportPath);
            ReportHtml.Save(report, Path.Combine(dir, ReportHtml.FileName));
        }
        if (!result.Passed)
            throw new VerificationFailedException($"{result.Count(CheckStatus.Fail)} of {checks.Count} sequential checks failed");
        return result;
    }
}
