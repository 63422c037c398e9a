namespace GateForge.Ir.Sequences;

/// <summary>
/// Drives whole sequences through a sequential design with the SPEC §8 interface (input buses
/// <c>x</c>, <c>in_last</c>, <c>in_valid</c>; output <c>out_valid</c>), one sequence after another
/// on each of many streams: sequence i runs on stream i mod S, each stream's sequences back to back
/// (the next one's first step in the cycle right after the previous one's last, so the design must
/// clear its state by itself), with a seeded 0–2 idle cycles (in_valid = 0) before a sequence on
/// some streams so that holding the state is exercised too. A result is the outputs of a cycle
/// with out_valid = 1, matched in order to the stream's sequences. Every engine (the freeze
/// self-check, the cycle-accurate simulator) gives only its clock function, so the schedule is one.
/// </summary>
public static class SequenceDriver
{
    private const string X = Names.Buses.Input;
    private const string InLast = Names.Buses.InLast;
    private const string InValid = Names.Buses.InValid;
    private const string OutValid = Names.Buses.OutValid;

    /// <summary>
    /// One clock cycle of the engine: given all input bits (the netlist's input order) × streams,
    /// returns this cycle's outputs (all output buses concatenated) × streams and then clocks.
    /// </summary>
    public delegate PackedBits Clock(PackedBits inputs);

    /// <summary>
    /// Runs <paramref name="sequences"/> on <paramref name="streams"/> streams. The result's rows are
    /// the netlist's output bits except <c>out_valid</c>, one column per sequence.
    /// </summary>
    public static SequenceRun Run(Netlist netlist, BitSequences sequences, Clock clock, int streams, bool idleGaps = true)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(clock);
        var x = InputRows(netlist, X);
        if (x.Length != sequences.StepBits)
            throw new ArgumentException($"the design's x bus has {x.Length} bits, the sequences {sequences.StepBits} per step", nameof(sequences));
        var last = InputRows(netlist, InLast)[0];
        var valid = InputRows(netlist, InValid)[0];
        var outValid = OutputRow(netlist, OutValid);
        var n = sequences.Count;
        streams = Math.Max(1, Math.Min(streams, n));
        var rng = new Random(0x5E0);
        var queue = new int[streams];     // index into the stream's sequences (i = stream + k·S)
        var stepOf = new int[streams];    // step within the current sequence; < 0: idle cycles left
        var delivered = new int[streams]; // results received
        for (var s = 0; s < streams; s++)
            stepOf[s] = idleGaps ? -rng.Next(3) : 0;
        var dataRows = netlist.OutputCount - 1;
        var results = new PackedBits(dataRows, n);
        var extra = 0;
        var cycles = 0L;
        var limit = sequences.Lengths.Sum(l => (long)l) + 4L * n + 64;
        var received = 0;
        while (received < n && cycles < limit)
        {
            var inputs = new PackedBits(netlist.InputCount, streams);
            for (var s = 0; s < streams; s++)
            {
                var i = s + queue[s] * streams;
                if (i >= n || stepOf[s] < 0)
                    continue;
                var t = stepOf[s];
                var bits = sequences.Step(i, t);
                for (var b = 0; b < bits.Length; b++)
                    if (bits[b] != 0)
                        inputs.Set(x[b], s, true);
                inputs.Set(valid, s, true);
                if (t == sequences.Lengths[i] - 1)
                    inputs.Set(last, s, true);
            }
            var outputs = clock(inputs);
            cycles++;
            for (var s = 0; s < streams; s++)
            {
                if (outputs.Get(outValid, s))
                {
                    var i = s + delivered[s] * streams;
                    if (i >= n || delivered[s] >= queue[s])
                        extra++;
                    else
                    {
                        CopyResult(outputs, outValid, s, results, i);
                        received++;
                    }
                    delivered[s]++;
                }
                var current = s + queue[s] * streams;
                if (current >= n)
                    continue;
                if (stepOf[s] < 0)
                    stepOf[s]++;
                else if (++stepOf[s] == sequences.Lengths[current])
                {
                    queue[s]++;
                    stepOf[s] = idleGaps ? -rng.Next(3) : 0;
                }
            }
        }
        return new SequenceRun(results, n - received, extra, cycles);
    }

    private static void CopyResult(PackedBits outputs, int outValid, int stream, PackedBits results, int sequence)
    {
        for (int row = 0, r = 0; row < outputs.Signals; row++)
        {
            if (row == outValid)
                continue;
            results.Set(r++, sequence, outputs.Get(row, stream));
        }
    }

    private static int[] InputRows(Netlist netlist, string bus)
    {
        var b = netlist.FindInputBus(bus) ?? throw new NetlistException($"the sequential design has no input bus '{bus}' (SPEC §8)");
        return b.Bits.Select(lit => netlist.F0(Lit.Node(lit))).ToArray();
    }

    private static int OutputRow(Netlist netlist, string bus)
    {
        var b = netlist.FindOutputBus(bus) ?? throw new NetlistException($"the sequential design has no output bus '{bus}' (SPEC §8)");
        if (b.Width != 1)
            throw new NetlistException($"output bus '{bus}' has {b.Width} bits, expected 1");
        return netlist.OutputOffset(bus);
    }
}

/// <summary>
/// What <see cref="SequenceDriver.Run"/> saw: the outputs at out_valid per sequence (rows: output
/// bits except out_valid), how many sequences got no result, how many out_valid pulses came without
/// a finished sequence, and the cycles run.
/// </summary>
public sealed record SequenceRun(PackedBits Results, int Missing, int Extra, long Cycles)
{
    public bool Complete => Missing == 0 && Extra == 0;
}
