using System.Text.Json;
using System.Text.Json.Serialization;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.Training.Checkpoints;

namespace GateForge.Flow.Reports;

/// <summary>
/// The contents of <c>report.json</c>. Keys are stable (snake_case, written in declaration order);
/// sections a verb did not produce are null or empty. Each verb reads the report it finds, fills
/// its own section and writes it back, so the report grows along the pipeline.
/// </summary>
public sealed class DesignReport
{
    /// <summary>Bumped when a key changes meaning.</summary>
    public int FormatVersion { get; set; } = 1;
    public string Design { get; set; } = "";
    public ModelSection? Model { get; set; }
    public NetlistSection? Netlist { get; set; }
    public List<PassRecord> Passes { get; set; } = [];
    public List<SynthesisRecord> Synthesis { get; set; } = [];
    public List<EquivalenceRecord> Equivalence { get; set; } = [];
    /// <summary>Wall-clock seconds per stage (train, freeze, opt, emit, verify, synth).</summary>
    public SortedDictionary<string, double> Timings { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Training curves, when the design came from a trained model.</summary>
    public TrainingCurves? Training { get; set; }
    /// <summary>Per logic layer: gate-type histogram and neurons kept after optimisation.</summary>
    public List<LayerRecord> Layers { get; set; } = [];
    /// <summary>Where the inputs of this design came from (checkpoint, unoptimised netlist), for `verify`.</summary>
    public SourceSection? Source { get; set; }
    /// <summary>Where the area goes (encoder, layers, popcounts, argmax); null when the netlist records no parts.</summary>
    public AreaSection? Area { get; set; }
    /// <summary>A sequential (recurrent) design's interface figures; null for a combinational design.</summary>
    public SequenceSection? Sequence { get; set; }
}

/// <summary>
/// A recurrent design (SPEC §8): the state it keeps, what it reads per clock, and how many cycles an
/// inference takes (one per step, then <see cref="Latency"/> to out_valid; sequences run back to back).
/// </summary>
public sealed class SequenceSection
{
    /// <summary>The hidden bits h_t: the state latches, the <c>done</c> latch left out.</summary>
    public int HiddenBits { get; set; }
    /// <summary>Every latch (flip-flop) of the design: the hidden bits and the <c>done</c> latch that drives out_valid.</summary>
    public int Latches { get; set; }
    /// <summary>Input bits per step (bus x).</summary>
    public int StepBits { get; set; }
    /// <summary>Cycles from a sequence's last step to out_valid.</summary>
    public int Latency { get; set; }
    /// <summary>Steps per sequence of the data set (its longest); null when no data set is known.</summary>
    public int? Steps { get; set; }
    /// <summary>Cycles from a sequence's first step to its result: <see cref="Steps"/> + <see cref="Latency"/>.</summary>
    public int? CyclesPerInference { get; set; }
}

/// <summary>The area breakdown (Sim.Area.AreaAttribution, docs/ARCHITECTURE.md: how parts and LUTs are attributed).</summary>
public sealed class AreaSection
{
    public List<AreaPartRecord> Parts { get; set; } = [];
    /// <summary>LUT6 of the whole design (encoder included when listed) mapped at once by ABC <c>if -K 6</c>.</summary>
    public long? Lut6Whole { get; set; }
    /// <summary>The parts' LUT6, each part mapped alone: at least the whole, since no LUT spans two parts.</summary>
    public long? Lut6Parts { get; set; }

    public static AreaSection Of(Sim.Area.AreaBreakdown area) => new()
    {
        Parts = area.Parts.Select(p => new AreaPartRecord(p.Name, p.Gates, p.AndEquivalent, p.Lut6)).ToList(),
        Lut6Whole = area.Lut6OfWhole,
        Lut6Parts = area.Lut6OfParts,
    };
}

public sealed record AreaPartRecord(string Part, long Gates, long AndEquivalent, long? Lut6);

public sealed class ModelSection
{
    /// <summary>The model configuration as written in the checkpoint (free-form JSON text).</summary>
    public System.Text.Json.Nodes.JsonNode? Config { get; set; }
    public AccuracySection? Accuracy { get; set; }
    /// <summary>Soft minus discrete test accuracy, in points (the discretisation gap).</summary>
    public double? Gap { get; set; }
    public string? Dataset { get; set; }
    public int? TestSamples { get; set; }
    /// <summary>Training step of the frozen (best) checkpoint, and of the whole run.</summary>
    public int? CheckpointStep { get; set; }
    public int? TrainedSteps { get; set; }
    /// <summary>Where the best checkpoint was chosen: <c>validation</c> (held-out training rows) or <c>test</c>.</summary>
    public string? ChosenOn { get; set; }

    /// <summary>"step S of N, the best on …" for the summaries; null when the steps are unknown.</summary>
    public string? CheckpointText() => CheckpointStep is { } step && TrainedSteps is { } steps
        ? $"step {step} of {steps}" + ChosenOn switch
        {
            TrainingState.ChosenOnValidation => ", the best on held-out training rows",
            TrainingState.ChosenOnTest => ", the best on the test set (so its test accuracy is optimistic)",
            _ => "",
        }
        : null;
}

public sealed class AccuracySection
{
    /// <summary>Test accuracy of the relaxed (soft) network, 0..1.</summary>
    public double? Soft { get; set; }
    /// <summary>Test accuracy of the discrete (argmax-gate) network, 0..1; the hardware's accuracy.</summary>
    public double? Discrete { get; set; }
}

public sealed class NetlistSection
{
    /// <summary>Two-input gates (AND + XOR nodes) of the frozen netlist, before optimisation.</summary>
    public long? GatesBefore { get; set; }
    /// <summary>Two-input gates after optimisation.</summary>
    public long GatesAfter { get; set; }
    public long Ands { get; set; }
    public long Xors { get; set; }
    /// <summary>AND nodes plus 3 per XOR (the AIGER size).</summary>
    public long AndEquivalent { get; set; }
    /// <summary>Logic levels from inputs to outputs (combinational netlist).</summary>
    public int Depth { get; set; }
    /// <summary>Clock cycles from input to output of the pipelined design (0: combinational).</summary>
    public int Latency { get; set; }
    public int? PipelineEvery { get; set; }
    public int Inputs { get; set; }
    public int Outputs { get; set; }
    public int Latches { get; set; }
}

/// <summary>How a synthesis flow ended; in report.json its lower-case name (<see cref="StatusText.Text"/>).</summary>
[JsonConverter(typeof(LowerCaseEnumConverter<SynthesisStatus>))]
public enum SynthesisStatus
{
    Ok,
    Error,
    Timeout,
    Skipped,
}

/// <summary>One synthesis result. <c>Tool</c> says which program made the figures (yosys flow or ABC mapper).</summary>
public sealed record SynthesisRecord(string Target, string Tool, long? Luts, long? Ffs, long? Cells, SynthesisStatus Status, string Detail, double Seconds);

/// <summary>One equivalence check: pass, fail or skipped.</summary>
public sealed record EquivalenceRecord(string Check, CheckStatus Status, string Detail);

public sealed class TrainingCurves
{
    public List<int> Step { get; set; } = [];
    public List<double> Loss { get; set; } = [];
    /// <summary>Soft test (or validation) accuracy at the evaluation steps; NaN where not evaluated.</summary>
    public List<double?> SoftAccuracy { get; set; } = [];
    public List<double?> DiscreteAccuracy { get; set; } = [];

    /// <summary>The curve of a checkpoint (<see cref="Checkpoint.Curve"/>) as the report's columns.</summary>
    public static TrainingCurves Of(IReadOnlyList<CurvePoint> curve) => new()
    {
        Step = [.. curve.Select(p => p.Step)],
        Loss = [.. curve.Select(p => p.Loss)],
        SoftAccuracy = [.. curve.Select(p => p.SoftAccuracy)],
        DiscreteAccuracy = [.. curve.Select(p => p.DiscreteAccuracy)],
    };
}

public sealed class LayerRecord
{
    public int Layer { get; set; }
    /// <summary><c>dense</c>, <c>conv</c> or <c>orpool</c> (SPEC §7).</summary>
    public string? Kind { get; set; }
    /// <summary>The layer's output: its width for dense, C×H×W for conv and orpool.</summary>
    public string? Shape { get; set; }
    /// <summary>Trained units: dense neurons; conv tree gates (the hardware copies each at every position); 0 for orpool.</summary>
    public int Neurons { get; set; }
    /// <summary>Count of neurons (conv: tree gates) per gate id 0..15 (SPEC §1).</summary>
    public int[] GateHistogram { get; set; } = new int[16];
    /// <summary>Neurons that still cost a gate after optimisation (not constant, not a wire, reaching an output).</summary>
    public int? Kept { get; set; }
}

public sealed class SourceSection
{
    public string? Checkpoint { get; set; }
    public string? OriginalNetlist { get; set; }
}
