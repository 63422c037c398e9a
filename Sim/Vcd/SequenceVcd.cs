using GateForge.Ir;
using GateForge.Ir.Sequences;

namespace GateForge.Sim.Vcd;

/// <summary>
/// A VCD of a sequential design (SPEC §8) running sequences back to back on one stream, clock by
/// clock, with the schedule of <see cref="SequenceDriver"/>: x, in_last and in_valid per step, the
/// state latches, and out_valid with scores and class_id in the cycle after each last step.
/// </summary>
public static class SequenceVcd
{
    /// <summary>Writes the first <paramref name="maxCycles"/> cycles to <paramref name="path"/>; returns the cycles written.</summary>
    public static int Write(Netlist netlist, BitSequences sequences, string path, int maxCycles, IEnumerable<string>? buses = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCycles, 1);
        var writer = new VcdWriter(netlist, buses);
        var sim = new CycleSimulator(netlist, 1);
        SequenceDriver.Run(netlist, sequences, inputs => writer.CycleCount < maxCycles ? writer.Step(sim, inputs) : sim.Step(inputs), streams: 1);
        writer.Save(path);
        return writer.CycleCount;
    }
}
