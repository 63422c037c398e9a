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
    public static bool IsRecurrent(string dataSpec, ModelConfig? config) => StreamTasks.IsStreamSpec(dataSpec) || config?.Recurrent is not null;

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
        var stream = StreamTasks.IsStreamSpec(settings.Data);
        var config = settings.Config;
        if (config.Recurrent is null)
            throw new FlowUsageException($"data set {settings.Data} is a sequence task: the model config needs a recurrent section (SPEC §8)");
        var r = config.Recurrent!;
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"training a recurrent model ({r.Hidden} hidden bits, step layers {string.Join('+', r.StepWidths())}, readout {string.Join('+', r.Readout)}) on {settings.Data}, {config.Steps} steps"));
        RecurrentTrainResult result;
        using (var bar = progress.Bar("train"))
        {
            var options = TrainOptionsFor(settings, settings.Data, bar, progress);
            result = stream
                ? RecurrentTrainer.Train(config, StreamTasks.Load(settings.Data), options)
                : RecurrentTrainer.Train(config, settings.Split ?? DataSets.Load(settings.Data), options);
        }
        if (result.Cancelled)
            throw new OperationCanceledException();
        var e = result.LastEvaluation;
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"trained {result.Steps} steps in {result.Seconds:0.0} s: test accuracy soft {100 * e.SoftAccuracy:0.00}%, discrete {100 * e.DiscreteAccuracy:0.00}%; best checkpoint: step {result.Best.Step}; checkpoint {output}"));
        return result;
    }

    /// <summary>The test sequences of a data spec for a recurrent model (null when there is no spec).</summary>
    public static SequenceSet? TestSequences(TrainedRecurrentModel model, string? dataSpec) =>
        string.IsNullOrEmpty(dataSpec) ? null
        : StreamTasks.IsStreamSpec(dataSpec) ? StreamTasks.Load(dataSpec).Test
        : model.Sequences(DataSets.Load(dataSpec).Test);

    /// <summary><c>freeze</c> of a recurrent checkpoint: the sequential netlist, checked on the test sequences and random ones.</summary>
    public static Netlist FreezeRecurrentToFile(string checkpoint, string? dataSpec, string output, IFlowProgress progress)
    {
        NetlistFiles.CheckOutput(output);
        progress.Stage("freeze");
        var dir = Inputs.RequireFolder(checkpoint, "checkpoint folder");
        var model = TrainedRecurrentModel.Load(dir);
        var test = TestSequences(model, dataSpec ?? Training.Checkpoints.TrainingRecord.Load(dir)?.Dataset);
        var netlist = RecurrentFreezer.Freeze(model, test);
        NetlistFiles.Save(netlist, output);
        var report = new DesignReport { Design = Path.GetFileNameWithoutExtension(output) };
        report.Source = new SourceSection { Checkpoint = dir };
        report.Netlist = NetlistFiles.Section(netlist, netlist.GateCount);
        NetlistFiles.SaveSidecar(report, output);
        progress.Line($"frozen sequential netlist equals the model in discrete mode on {(test is null ? "" : $"{test.Count} test sequences and ")}512 random sequences, back to back; "
            + $"{netlist.GateCount} gates, {netlist.LatchCount} latches; wrote {output}");
        return netlist;
    }

    /// <summary>
    /// <c>emit</c> of a sequential design: the folder of <see cref="SequentialDesignEmitter"/>. The
    /// test bench's sequences are seeded random ones; their expected results come from the
    /// unoptimised netlist (the frozen, self-checked one) when given, else from this one.
    /// </summary>
    public static EmitResult EmitRecurrent(Netlist netlist, Netlist? original, string folder, string? name, IFlowProgress progress)
    {
        progress.Stage($"emit {folder}");
        var design = Inputs.Identifier(name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
        var sequences = BitSequences.Random(netlist.InputBus(Names.Buses.Input).Width, 200, 1, 64, seed: 1);
        var expected = SequenceChecks.Results(original ?? netlist, sequences);
        var result = SequentialDesignEmitter.Emit(netlist, original, design, sequences, expected, folder);
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
        var netlist = NetlistFiles.Load(Path.Combine(dir, NetlistFiles.DesignNetlist));
        var originalPath = Path.Combine(dir, NetlistFiles.OriginalNetlist);
        var original = File.Exists(originalPath) ? NetlistFiles.Load(originalPath) : netlist;
        var design = Path.GetFileNameWithoutExtension(Directory.GetFiles(dir, "*_tb.v").Single()).Replace("_tb", "", StringComparison.Ordinal);
        var work = Path.Combine(Path.GetTempPath(), $"gateforge-verify-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var checks = new List<CheckResult>();
        try
        {
            var f = netlist.InputBus(Names.Buses.Input).Width;
            var sequences = BitSequences.Random(f, RandomSequences, 1, 64, seed: 2);
            checks.Add(SequenceChecks.Simulate(netlist, sequences, s => SequenceChecks.Results(original, s),
                $"{Names.Files.Netlist} vs {Names.Files.OriginalNetlist} (cycle simulation, random sequences)", Names.Files.Netlist));
            if (settings.Formal)
            {
                checks.Add(SequenceChecks.Dsec(original, netlist, Path.Combine(work, "dsec"), $"{Names.Files.OriginalNetlist} vs {Names.Files.Netlist} (ABC dsec)", Names.Files.Netlist));
                checks.Add(SequenceChecks.NetlistVsVerilog(Aiger.Load(Path.Combine(dir, design + ".aig")), Path.Combine(dir, design + ".v"), design,
                    Path.Combine(work, "yosys"), $"{design}.aig vs {design}.v through Yosys (ABC dsec)"));
            }
            if (settings.C)
                checks.Add(SequenceChecks.CModel(dir, design, f, Path.Combine(work, "c")));
            if (settings.Icarus)
                checks.Add(SequenceChecks.TestBench(dir, design, verilator: false, Path.Combine(work, "icarus")));
            if (settings.Verilator)
                checks.Add(SequenceChecks.TestBench(dir, design, verilator: true, Path.Combine(work, "verilator")));
        }
        finally
        {
            if (Directory.Exists(work))
                Directory.Delete(work, recursive: true);
        }
        var result = new EquivalenceReport(design, 0, RandomSequences, checks);
        foreach (var check in checks)
            progress.Line("  " + check);
        if (!result.Passed)
            throw new VerificationFailedException($"{result.Count(CheckStatus.Fail)} of {checks.Count} sequential checks failed");
        return result;
    }
}
