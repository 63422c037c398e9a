using System.Globalization;
using System.Text;
using GateForge.Ir;

namespace GateForge.Sim.Vcd;

/// <summary>
/// Records the buses of one stream of a cycle simulation and writes them as a Value Change Dump
/// (IEEE 1364-2005 §18) that GTKWave opens. Cycle c starts at time c·period with clk low and the
/// cycle's inputs and outputs; clk rises at c·period + period/2 (the edge that loads the latches).
/// A sequential netlist also gets <c>clk</c> and <c>rst</c>. Only changes are written.
/// </summary>
public sealed class VcdWriter
{
    private readonly Netlist _netlist;
    private readonly int _stream;
    private readonly List<Signal> _signals = [];
    private readonly List<(long Cycle, string[] Values)> _samples = [];
    private readonly bool _clocked;

    /// <param name="netlist">the simulated netlist</param>
    /// <param name="buses">bus names to record, or null for every input and output bus</param>
    /// <param name="stream">which stream (bit of the word) to record</param>
    /// <param name="periodNs">clock period in ns (even)</param>
    public VcdWriter(Netlist netlist, IEnumerable<string>? buses = null, int stream = 0, int periodNs = 10)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        if (periodNs < 2 || periodNs % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(periodNs), "the period must be an even number of ns");
        _netlist = netlist;
        _stream = stream;
        PeriodNs = periodNs;
        _clocked = netlist.LatchCount > 0;
        var wanted = buses?.ToHashSet(StringComparer.Ordinal);
        if (_clocked)
        {
            _signals.Add(new Signal("clk", 1, SignalSource.Clock, 0));
            _signals.Add(new Signal("rst", 1, SignalSource.Reset, 0));
        }
        var offset = 0;
        foreach (var bus in netlist.InputBuses)
        {
            if (wanted is null || wanted.Remove(bus.Name))
                _signals.Add(new Signal(bus.Name, bus.Width, SignalSource.Input, offset));
            offset += bus.Width;
        }
        offset = 0;
        foreach (var bus in netlist.OutputBuses)
        {
            if (wanted is null || wanted.Remove(bus.Name))
                _signals.Add(new Signal(bus.Name, bus.Width, SignalSource.Output, offset));
            offset += bus.Width;
        }
        if (wanted is { Count: > 0 })
            throw new ArgumentException($"netlist has no bus '{wanted.Order(StringComparer.Ordinal).First()}'");
    }

    public int PeriodNs { get; }
    public int CycleCount => _samples.Count;

    /// <summary>Records one cycle (call it with the same inputs and the outputs <see cref="CycleSimulator.Step"/> returned).</summary>
    public void Record(PackedBits inputs, PackedBits outputs, bool reset = false)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        var values = new string[_signals.Count];
        for (var i = 0; i < _signals.Count; i++)
        {
            var s = _signals[i];
            values[i] = s.Source switch
            {
                SignalSource.Input => Bits(inputs, s.Offset, s.Width),
                SignalSource.Output => Bits(outputs, s.Offset, s.Width),
                SignalSource.Reset => reset ? "1" : "0",
                _ => "0",
            };
        }
        _samples.Add((_samples.Count, values));
    }

    /// <summary>Runs <paramref name="sim"/> for one cycle and records it.</summary>
    public PackedBits Step(CycleSimulator sim, PackedBits inputs, bool reset = false)
    {
        ArgumentNullException.ThrowIfNull(sim);
        var outputs = sim.Step(inputs, reset);
        Record(inputs, outputs, reset);
        return outputs;
    }

    public void Write(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var design = _netlist.Attribute(Names.Attributes.Design) ?? "top";
        w.Write("$comment GateForge cycle simulation, stream ");
        w.Write(_stream.ToString(CultureInfo.InvariantCulture));
        w.WriteLine(" $end");
        w.WriteLine("$timescale 1ns $end");
        w.WriteLine($"$scope module {design} $end");
        for (var i = 0; i < _signals.Count; i++)
        {
            var s = _signals[i];
            var range = s.Width == 1 ? "" : $" [{s.Width - 1}:0]";
            w.WriteLine($"$var wire {s.Width} {Code(i)} {s.Name}{range} $end");
        }
        w.WriteLine("$upscope $end");
        w.WriteLine("$enddefinitions $end");
        string[]? previous = null;
        var clk = _clocked ? 0 : -1;
        foreach (var (cycle, values) in _samples)
        {
            var t = cycle * PeriodNs;
            w.WriteLine($"#{t.ToString(CultureInfo.InvariantCulture)}");
            if (previous is null)
                w.WriteLine("$dumpvars");
            for (var i = 0; i < _signals.Count; i++)
            {
                if (_signals[i].Source == SignalSource.Clock)
                {
                    if (previous is null || clk == 1)
                        w.WriteLine("0" + Code(i));
                    continue;
                }
                if (previous is null || previous[i] != values[i])
                    w.WriteLine(_signals[i].Width == 1 ? values[i] + Code(i) : "b" + values[i] + " " + Code(i));
            }
            if (previous is null)
                w.WriteLine("$end");
            if (_clocked)
            {
                w.WriteLine($"#{(t + (PeriodNs / 2)).ToString(CultureInfo.InvariantCulture)}");
                w.WriteLine("1" + Code(0));
                clk = 1;
            }
            previous = values;
        }
        w.WriteLine($"#{(_samples.Count * (long)PeriodNs).ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Writes the dump to <paramref name="path"/> (through a temporary file).</summary>
    public void Save(string path)
    {
        var sb = new StringBuilder();
        using (var sw = new StringWriter(sb, CultureInfo.InvariantCulture))
            Write(sw);
        AtomicOutput.WriteText(path, sb.ToString());
    }

    /// <summary>Identifier code of variable i: base-94 over the printable characters '!'..'~'.</summary>
    internal static string Code(int index)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Append((char)('!' + (index % 94)));
            index /= 94;
        }
        while (index > 0);
        return sb.ToString();
    }

    /// <summary>Rows [first, first+width) of the recorded stream as binary, MSB first.</summary>
    private string Bits(PackedBits bits, int first, int width)
    {
        var chars = new char[width];
        for (var b = 0; b < width; b++)
            chars[width - 1 - b] = bits.Get(first + b, _stream) ? '1' : '0';
        return new string(chars);
    }

    private enum SignalSource
    {
        Clock,
        Reset,
        Input,
        Output,
    }

    private sealed record Signal(string Name, int Width, SignalSource Source, int Offset);
}
