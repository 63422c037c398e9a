using System.Diagnostics;
using System.Globalization;
using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Sim.Tools;

namespace GateForge.Sim;

/// <summary>
/// Checks of sequential designs, one implementation for both families (SPEC §8, issue 15 item 7):
/// whole sequences through the cycle-accurate simulator against a reference, and ABC's sequential
/// equivalence (<c>dsec</c>) between two sequential netlists or a netlist and an AIGER file (e.g. the
/// Verilog read through Yosys). A pipelined top is compared with its combinational netlist through
/// <see cref="DelayedByLatency"/>, a miter-ready sequential netlist of the combinational one.
/// </summary>
public static class SequenceChecks
{
    /// <summary>
    /// Runs <paramref name="sequences"/> back to back through <see cref="CycleSimulator"/> and
    /// compares the outputs at each out_valid with <paramref name="reference"/> (rows: outputs except out_valid).
    /// </summary>
    public static CheckResult Simulate(Netlist netlist, BitSequences sequences, Func<BitSequences, PackedBits> reference,
        string name, string artifact, int streams = 256)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(reference);
        var clock = Stopwatch.StartNew();
        streams = Math.Max(1, Math.Min(streams, sequences.Count));
        var sim = new CycleSimulator(netlist, streams);
        var run = SequenceDriver.Run(netlist, sequences, inputs => sim.Step(inputs), streams);
        var expected = reference(sequences);
        CheckResult Result(CheckStatus status, string detail) => new(name, status, detail, clock.Elapsed) { Artifact = artifact };
        if (!run.Complete)
            return Result(CheckStatus.Fail, $"{run.Missing} sequence(s) without out_valid, {run.Extra} extra out_valid pulse(s)");
        if (expected.Signals != run.Results.Signals)
            return Result(CheckStatus.Fail, $"the design has {run.Results.Signals} result bits, the reference {expected.Signals}");
        for (var i = 0; i < sequences.Count; i++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, i) != run.Results.Get(row, i))
                    return Result(CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture,
                        $"sequence {i} (length {sequences.Lengths[i]}) differs at output bit {row}"));
        return Result(CheckStatus.Pass, string.Create(CultureInfo.InvariantCulture,
            $"{sequences.Count} sequences of lengths {sequences.Lengths.Min()}–{sequences.Lengths.Max()} back to back, {run.Cycles} cycles on {streams} streams: all match"));
    }

    /// <summary><c>dsec</c> between two sequential netlists with the same buses, written as AIGER into <paramref name="workDir"/>.</summary>
    public static CheckResult Dsec(Netlist a, Netlist b, string workDir, string name, string artifact, TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(b);
        Directory.CreateDirectory(workDir);
        Aiger.Save(ForDsec(b), Path.Combine(workDir, "dsec_b.aig"));
        return DsecAgainstFile(a, Path.Combine(workDir, "dsec_b.aig"), workDir, name, artifact, timeout, cancellation);
    }

    /// <summary><c>dsec</c> between a sequential netlist and an AIGER file whose symbols name the same bus bits.</summary>
    public static CheckResult DsecAgainstFile(Netlist a, string aigFile, string workDir, string name, string artifact, TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(workDir);
        var fileA = Path.Combine(workDir, "dsec_a.aig");
        Aiger.Save(ForDsec(a), fileA);
        var run = Abc.Dsec(workDir, fileA, Path.GetFullPath(aigFile), timeout, cancellation);
        return new CheckResult(name, run.Status, run.Detail, clock.Elapsed) { Artifact = artifact };
    }

    /// <summary>
    /// The netlist as <c>dsec</c> sees it: data registers without reset (<see cref="LatchInit.None"/>)
    /// start at 0, as the simulators and Yosys's <c>write_aiger -zinit</c> start them; and when it
    /// has an <c>out_valid</c> bus every other output bit is ANDed with it, so the proof covers the
    /// results, not what the outputs show between them (a pipelined top's outputs are its
    /// registers' contents then). A netlist without latches is returned as it is.
    /// </summary>
    public static Netlist ForDsec(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var b = new NetlistBuilder(netlist.NodeCount + netlist.OutputCount + 16);
        var map = new int[netlist.NodeCount];
        foreach (var bus in netlist.InputBuses)
        {
            var bits = b.AddInputBus(bus.Name, bus.Width);
            for (var i = 0; i < bus.Width; i++)
                map[Lit.Node(bus.Bits[i])] = bits[i];
        }
        foreach (var latch in netlist.Latches)
            map[latch] = b.AddLatch(netlist.F1(latch) == LatchInit.One ? LatchInit.One : LatchInit.Zero);
        b.MapGates(netlist, map);
        foreach (var latch in netlist.Latches)
            b.SetLatchNext(map[latch], NetlistBuilder.MapLit(map, netlist.F0(latch)));
        var valid = netlist.FindOutputBus(SequenceDriver.OutValid) is { } v ? NetlistBuilder.MapLit(map, v.Bits[0]) : Lit.True;
        foreach (var bus in netlist.OutputBuses)
        {
            var bits = bus.Bits.Select(l => NetlistBuilder.MapLit(map, l)).ToArray();
            if (bus.Name != SequenceDriver.OutValid)
                bits = bits.Select(l => b.And(l, valid)).ToArray();
            b.AddOutputBus(bus.Name, bits);
        }
        return b.Build();
    }

    /// <summary>
    /// The combinational netlist delayed by <paramref name="latency"/> cycles with the pipelined
    /// interface: its outputs pass through <paramref name="latency"/> data registers, and
    /// <c>in_valid</c> through a shift register (reset 0) to <c>out_valid</c>. A correct pipelined
    /// top is sequentially equivalent to it (compared through <see cref="ForDsec"/>).
    /// </summary>
    public static Netlist DelayedByLatency(Netlist combinational, int latency)
    {
        ArgumentNullException.ThrowIfNull(combinational);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, 1);
        if (combinational.LatchCount > 0)
            throw new NetlistException("the reference of a pipelined top must be combinational");
        var b = new NetlistBuilder(combinational.NodeCount + (combinational.OutputCount + 1) * latency + 16);
        var map = new int[combinational.NodeCount];
        foreach (var bus in combinational.InputBuses)
        {
            var bits = b.AddInputBus(bus.Name, bus.Width);
            for (var i = 0; i < bus.Width; i++)
                map[Lit.Node(bus.Bits[i])] = bits[i];
        }
        var inValid = b.AddInputBus(SequenceDriver.InValid, 1)[0];
        b.MapGates(combinational, map);
        int Delay(int lit, int init)
        {
            for (var k = 0; k < latency; k++)
            {
                var latch = b.AddLatch(init);
                b.SetLatchNext(latch, lit);
                lit = latch;
            }
            return lit;
        }
        foreach (var bus in combinational.OutputBuses)
            b.AddOutputBus(bus.Name, bus.Bits.Select(l => Delay(NetlistBuilder.MapLit(map, l), LatchInit.None)).ToArray());
        b.AddOutputBus(SequenceDriver.OutValid, [Delay(inValid, LatchInit.Zero)]);
        return b.Build();
    }
}
