using System.Diagnostics;
using System.Globalization;
using GateForge.Emitters;
using GateForge.Emitters.Sequential;
using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Sim;
using GateForge.Sim.Vcd;

namespace GateForge.Flow;

/// <summary>What <c>sim</c> runs through a sequential design.</summary>
public sealed record SequenceSimSettings
{
    /// <summary>Steps in the <c>seq_in.hex</c> format ({reset, in_last, x} per line); null: the folder's, else random sequences.</summary>
    public string? Input { get; init; }
    /// <summary>Expected results in the <c>seq_out.hex</c> format; null: the folder's when its inputs are used.</summary>
    public string? Expect { get; init; }
    /// <summary>Random sequences (lengths 1–64, seeded) when no input file is used.</summary>
    public int Random { get; init; } = 200;
    public string? Vcd { get; init; }
    public int VcdCycles { get; init; } = 64;
    /// <summary>Buses in the VCD (empty: all).</summary>
    public IReadOnlyList<string> Buses { get; init; } = [];
    /// <summary>Results printed.</summary>
    public int Show { get; init; } = 8;
}

/// <summary>A sequential design's results: one row per sequence (the outputs but out_valid).</summary>
public sealed record SequenceSimResult(BitSequences Sequences, PackedBits Results, long Cycles, string? Expected);

public static partial class DesignFlow
{
    /// <summary>
    /// <c>sim</c> of a sequential design (SPEC §8): the sequences, back to back on the cycle-accurate
    /// simulator, each result taken at out_valid; compared with the expected file when there is one
    /// (a mismatch is <see cref="VerificationFailedException"/>); the first cycles as a VCD.
    /// </summary>
    public static SequenceSimResult SimulateSequences(Netlist netlist, string? folder, SequenceSimSettings settings, IFlowProgress progress)
    {
        Inputs.RequirePositive(settings.Random, "--random");
        Inputs.RequirePositive(settings.VcdCycles, "--vcd-cycles");
        var unknown = settings.Buses.FirstOrDefault(b => netlist.FindInputBus(b) is null && netlist.FindOutputBus(b) is null);
        if (unknown is not null)
            throw new FlowUsageException($"--buses: the design has no bus '{Excerpt.Of(unknown)}' (it has {string.Join(", ", netlist.InputBuses.Concat(netlist.OutputBuses).Select(b => b.Name))})");
        var stepBits = netlist.InputBus(Names.Buses.Input).Width;
        var manifest = folder is not null && DesignManifest.Exists(folder) ? DesignManifest.Load(folder) : null;
        var folderInput = manifest?.File(DesignFileKind.SequenceVectorsIn) is { } fin ? Path.Combine(folder!, fin) : null;
        var input = settings.Input ?? (folderInput is not null && File.Exists(folderInput) ? folderInput : null);
        var expect = settings.Expect
            ?? (input is not null && input == folderInput && manifest?.File(DesignFileKind.SequenceVectorsOut) is { } fout ? Path.Combine(folder!, fout) : null);
        var sequences = input is null
            ? BitSequences.Random(stepBits, settings.Random, 1, 64, seed: 1)
            : SequenceTestBench.ReadSequences(Inputs.RequireFile(input, "sequence file"), stepBits);

        var watch = Stopwatch.StartNew();
        var streams = Math.Min(256, sequences.Count);
        var sim = new CycleSimulator(netlist, streams);
        var run = SequenceDriver.Run(netlist, sequences, inputs => sim.Step(inputs), streams);
        if (!run.Complete)
            throw new VerificationFailedException($"{run.Missing} sequence(s) without out_valid, {run.Extra} extra out_valid pulse(s)");
        progress.Line(string.Create(CultureInfo.InvariantCulture,
            $"{sequences.Count} sequences of lengths {sequences.Lengths.Min()}–{sequences.Lengths.Max()} ({(input is null ? "random" : input)}) back to back: {run.Cycles} cycles on {streams} streams ({watch.Elapsed.TotalMilliseconds:0.0} ms)"));
        PrintResults(netlist, sequences, run.Results, settings.Show, progress);
        if (settings.Vcd is { } vcd)
        {
            if (Directory.Exists(vcd))
                throw new FlowUsageException($"--vcd '{vcd}' is a folder, expected a file name");
            var cycles = SequenceVcd.Write(netlist, sequences, vcd, settings.VcdCycles, settings.Buses.Count == 0 ? null : settings.Buses);
            progress.Line($"wrote {vcd} ({cycles} cycles, one step per clock: x, in_last, in_valid, the {netlist.LatchCount} state latches, out_valid with the result)");
        }
        if (expect is null)
            return new SequenceSimResult(sequences, run.Results, run.Cycles, null);
        var expected = SequenceTestBench.ReadResults(Inputs.RequireFile(expect, "expected results"), netlist);
        if (expected.Samples != sequences.Count)
            throw new FlowUsageException($"{expect} has {expected.Samples} results but {sequences.Count} sequences were simulated");
        for (var i = 0; i < sequences.Count; i++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, i) != run.Results.Get(row, i))
                    throw new VerificationFailedException($"sequence {i} (length {sequences.Lengths[i]}): output bit {row} is {(run.Results.Get(row, i) ? 1 : 0)}, {expect} expects {(expected.Get(row, i) ? 1 : 0)}");
        progress.Line($"all {sequences.Count} results match {expect}");
        return new SequenceSimResult(sequences, run.Results, run.Cycles, expect);
    }

    private static void PrintResults(Netlist netlist, BitSequences sequences, PackedBits results, int show, IFlowProgress progress)
    {
        for (var i = 0; i < Math.Min(show, sequences.Count); i++)
            progress.Line($"  sequence {i} ({sequences.Lengths[i]} steps): {OutputText.Of(netlist, results, i)}");
    }
}
