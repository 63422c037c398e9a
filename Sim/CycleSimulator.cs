using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>
/// Cycle-accurate simulation of a (possibly sequential) netlist, many independent streams at once:
/// stream s is bit s of every word (the <see cref="PackedBits"/> layout, one sample per stream).
/// Each <see cref="Step"/> is one clock cycle: the inputs are applied, the combinational logic
/// settles (outputs of this cycle), then the clock edge loads every latch from its next-state
/// literal. Reset is synchronous and active high: on a reset cycle latches with reset value 0/1
/// take it; data registers (<see cref="LatchInit.None"/>) are not reset and load their next state
/// on every edge, as the emitted <c>always @(posedge clk)</c> does. At construction (and
/// <see cref="PowerOn"/>) latches hold their reset value, data registers 0.
/// </summary>
public sealed class CycleSimulator
{
    private readonly FastEvaluator _engine;
    private readonly int[] _latchInit;
    private readonly int _outputCount;
    private PackedBits _state;

    public CycleSimulator(Netlist netlist, int streams)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(streams);
        Netlist = netlist;
        Streams = streams;
        _outputCount = netlist.OutputCount;
        var lits = new int[_outputCount + netlist.LatchCount];
        netlist.OutputLiterals().CopyTo(lits, 0);
        _latchInit = new int[netlist.LatchCount];
        for (var i = 0; i < netlist.LatchCount; i++)
        {
            lits[_outputCount + i] = netlist.F0(netlist.Latches[i]);
            _latchInit[i] = netlist.F1(netlist.Latches[i]);
        }
        _engine = new FastEvaluator(netlist, lits);
        _state = new PackedBits(netlist.LatchCount, streams);
        PowerOn();
    }

    public Netlist Netlist { get; }
    public int Streams { get; }
    /// <summary>Clock edges so far.</summary>
    public long Cycle { get; private set; }
    /// <summary>Current latch values (latches × streams), in <see cref="Ir.Netlist.Latches"/> order.</summary>
    public PackedBits State => _state;

    /// <summary>Latches to their reset value (data registers to 0), cycle counter to 0.</summary>
    public void PowerOn()
    {
        _state = new PackedBits(Netlist.LatchCount, Streams);
        for (var i = 0; i < _latchInit.Length; i++)
            if (_latchInit[i] == LatchInit.One)
                for (var s = 0; s < Streams; s++)
                    _state.Set(i, s, true);
        Cycle = 0;
    }

    /// <summary>
    /// One clock cycle: returns this cycle's outputs (all output buses concatenated, outputs × streams)
    /// and then clocks the latches, with synchronous reset when <paramref name="reset"/> is set.
    /// </summary>
    public PackedBits Step(PackedBits inputs, bool reset = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Samples != Streams)
            throw new ArgumentException($"simulator runs {Streams} streams but {inputs.Samples} input samples were given");
        var all = _engine.Evaluate(inputs, _state);
        var outputs = new PackedBits(_outputCount, Streams);
        Array.Copy(all.Data, outputs.Data, (long)_outputCount * all.Words);
        var next = new PackedBits(Netlist.LatchCount, Streams);
        Array.Copy(all.Data, (long)_outputCount * all.Words, next.Data, 0, next.Data.Length);
        if (reset)
        {
            for (var i = 0; i < _latchInit.Length; i++)
            {
                if (_latchInit[i] == LatchInit.None)
                    continue;
                var row = next.Row(i);
                row.Clear();
                if (_latchInit[i] == LatchInit.One)
                    for (var s = 0; s < Streams; s++)
                        next.Set(i, s, true);
            }
        }
        _state = next;
        Cycle++;
        return outputs;
    }

    /// <summary>
    /// Streams <paramref name="vectors"/> through a pipelined netlist (input bus <c>in_valid</c>,
    /// output bus <c>out_valid</c>; see docs/ARCHITECTURE.md), one vector per cycle per stream, and
    /// collects each result when <c>out_valid</c> is high. Vector v goes to stream v mod
    /// <paramref name="streams"/>. <paramref name="vectors"/> holds the inputs without
    /// <c>in_valid</c>; the result's outputs leave out <c>out_valid</c>. A latch-free netlist
    /// streams with latency 0.
    /// </summary>
    public static StreamResult Stream(Netlist netlist, PackedBits vectors, int streams = 64, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(vectors);
        var layout = StreamLayout.Of(netlist);
        if (vectors.Signals != layout.DataInputs)
            throw new ArgumentException($"netlist has {layout.DataInputs} data inputs but the vectors have {vectors.Signals} rows");
        streams = Math.Max(1, Math.Min(streams, Math.Max(1, vectors.Samples)));
        var sim = new CycleSimulator(netlist, streams);
        var perStream = (vectors.Samples + streams - 1) / streams;
        var results = new PackedBits(layout.DataOutputs, vectors.Samples);
        var collected = new int[streams];
        var total = 0;
        var firstIn = -1L;
        var firstOut = -1L;
        var streamFirst = new long[streams];
        var streamLast = new long[streams];
        Array.Fill(streamFirst, -1L);
        // Draining takes at most one cycle per latch beyond the last input (a valid chain is at most that long).
        var limit = perStream + netlist.LatchCount + 1;
        for (long cycle = 0; cycle < limit && total < vectors.Samples; cycle++)
        {
            cancellation.ThrowIfCancellationRequested();
            var inputs = new PackedBits(netlist.InputCount, streams);
            var feeding = cycle < perStream;
            if (feeding)
            {
                PackedBitsOps.CopySamples(vectors, (int)cycle * streams, inputs, 0, streams, layout.DataInputs);
                if (layout.InValid >= 0)
                    for (var s = 0; s < streams && cycle * streams + s < vectors.Samples; s++)
                        inputs.Set(layout.InValid, s, true);
                if (firstIn < 0)
                    firstIn = cycle;
            }
            var outputs = sim.Step(inputs);
            for (var s = 0; s < streams; s++)
            {
                var valid = layout.OutValid >= 0 ? outputs.Get(layout.OutValid, s) : feeding && cycle * streams + s < vectors.Samples;
                if (!valid)
                    continue;
                var index = (collected[s]++ * streams) + s;
                if (index >= vectors.Samples)
                    throw new InvalidOperationException($"stream {s} produced more results than it was given vectors (out_valid high at cycle {cycle})");
                for (var o = 0; o < layout.DataOutputs; o++)
                    if (outputs.Get(o, s))
                        results.Set(o, index, true);
                total++;
                if (firstOut < 0)
                    firstOut = cycle;
                if (streamFirst[s] < 0)
                    streamFirst[s] = cycle;
                streamLast[s] = cycle;
            }
        }
        if (total < vectors.Samples)
            throw new InvalidOperationException($"pipeline returned {total} of {vectors.Samples} results within {limit} cycles (out_valid never rose for the rest)");
        var latency = firstOut < 0 ? 0 : (int)(firstOut - firstIn);
        // Throughput: results per cycle of each stream's output window (1.0 for one result every cycle).
        long window = 0;
        for (var s = 0; s < streams; s++)
            if (streamFirst[s] >= 0)
                window += streamLast[s] - streamFirst[s] + 1;
        return new StreamResult(results, latency, sim.Cycle, window > 0 ? (double)total / window : 0, streams);
    }
}

/// <summary>
/// The outcome of <see cref="CycleSimulator.Stream"/>: results in vector order (outputs without
/// <c>out_valid</c>), the measured latency in cycles from a vector's input cycle to its output cycle,
/// the cycles run, and the steady-state throughput in results per cycle per stream (1.0 for a
/// pipeline that accepts one input every cycle).
/// </summary>
public sealed record StreamResult(PackedBits Outputs, int Latency, long Cycles, double Throughput, int Streams);

/// <summary>Where the data and handshake bits of a pipelined netlist sit (docs/ARCHITECTURE.md, sequential netlists).</summary>
public readonly record struct StreamLayout(int DataInputs, int DataOutputs, int InValid, int OutValid)
{
    public const string InValidBus = Names.Buses.InValid;
    public const string OutValidBus = Names.Buses.OutValid;

    public static StreamLayout Of(Netlist netlist)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var inValid = netlist.FindInputBus(InValidBus);
        var outValid = netlist.FindOutputBus(OutValidBus);
        if (netlist.LatchCount > 0 && (inValid is null || outValid is null))
            throw new ArgumentException("a sequential netlist needs 1-bit buses in_valid and out_valid to stream");
        if (inValid is not null && (inValid.Width != 1 || netlist.InputBuses[^1] != inValid))
            throw new ArgumentException("in_valid must be the last input bus and 1 bit wide");
        if (outValid is not null && (outValid.Width != 1 || netlist.OutputBuses[^1] != outValid))
            throw new ArgumentException("out_valid must be the last output bus and 1 bit wide");
        var ni = netlist.InputCount - (inValid is null ? 0 : 1);
        var no = netlist.OutputCount - (outValid is null ? 0 : 1);
        return new StreamLayout(ni, no, inValid is null ? -1 : ni, outValid is null ? -1 : no);
    }
}
