using System.Globalization;

namespace GateForge.Ir;

/// <summary>
/// Writes a netlist as AIGER 1.9. Variables: inputs 1..I in input order, latches I+1..I+L, then the
/// AND gates in topological order (the binary format requires this order; the ASCII file uses the
/// same numbering). Each XOR becomes three ANDs the way Yosys's <c>aigmap</c> writes it,
/// <c>~(a &amp; b) &amp; ~(~a &amp; ~b)</c>, so that ABC finds the shared structure with
/// Verilog read through Yosys. ANDs are hashed as they are made, so the file never defines the same
/// AND twice (ABC would merge them and report fewer ANDs than the header).
/// </summary>
internal sealed class AigerWriter
{
    private readonly Netlist _nl;
    private readonly int _firstAndVar;
    private int[] _rhs0;
    private int[] _rhs1;
    private int _ands;
    private int[] _table;
    private int _tableMask;

    private AigerWriter(Netlist nl)
    {
        _nl = nl;
        _firstAndVar = nl.InputCount + nl.LatchCount + 1;
        var gates = 0;
        foreach (var k in nl.Kinds)
            gates += k switch { NodeKind.And => 1, NodeKind.Xor => 3, _ => 0 };
        _rhs0 = new int[Math.Max(gates, 1)];
        _rhs1 = new int[Math.Max(gates, 1)];
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, gates * 2));
        _table = new int[size];
        _tableMask = size - 1;
    }

    public static void Write(Netlist nl, Stream stream, bool binary)
    {
        ArgumentNullException.ThrowIfNull(nl);
        ArgumentNullException.ThrowIfNull(stream);
        new AigerWriter(nl).Emit(stream, binary);
    }

    private void Emit(Stream stream, bool binary)
    {
        var nl = _nl;
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var inputCount = nl.InputCount;
        var latchCount = nl.LatchCount;

        // Netlist node -> AIGER literal.
        var map = new int[kinds.Length];
        var inputs = nl.Inputs;
        for (var p = 0; p < inputs.Length; p++)
            map[inputs[p]] = 2 * (p + 1);
        var latches = nl.Latches;
        for (var k = 0; k < latches.Length; k++)
            map[latches[k]] = 2 * (inputCount + k + 1);
        for (var i = 1; i < kinds.Length; i++)
        {
            if (kinds[i] == NodeKind.And)
            {
                map[i] = MakeAnd(map[f0[i] >> 1] ^ (f0[i] & 1), map[f1[i] >> 1] ^ (f1[i] & 1));
            }
            else if (kinds[i] == NodeKind.Xor)
            {
                var a = map[f0[i] >> 1] ^ (f0[i] & 1);
                var b = map[f1[i] >> 1] ^ (f1[i] & 1);
                var both = MakeAnd(a, b);
                var neither = MakeAnd(a ^ 1, b ^ 1);
                map[i] = MakeAnd(both ^ 1, neither ^ 1);
            }
        }

        var output = new ByteOutput(stream);
        var maxVar = inputCount + latchCount + _ands;
        output.Text(binary ? "aig " : "aag ");
        output.Number(maxVar);
        output.Byte((byte)' ');
        output.Number(inputCount);
        output.Byte((byte)' ');
        output.Number(latchCount);
        output.Byte((byte)' ');
        output.Number(nl.OutputCount);
        output.Byte((byte)' ');
        output.Number(_ands);
        output.Byte((byte)'\n');
        if (!binary)
            for (var p = 0; p < inputCount; p++)
                Line(output, 2 * (p + 1));
        for (var k = 0; k < latches.Length; k++)
        {
            var lit = 2 * (inputCount + k + 1);
            if (!binary)
            {
                output.Number(lit);
                output.Byte((byte)' ');
            }
            output.Number(map[f0[latches[k]] >> 1] ^ (f0[latches[k]] & 1));
            switch (f1[latches[k]])
            {
                case LatchInit.One:
                    output.Text(" 1");
                    break;
                case LatchInit.None:
                    output.Byte((byte)' ');
                    output.Number(lit); // AIGER 1.9: init = own literal means uninitialised
                    break;
            }
            output.Byte((byte)'\n');
        }
        foreach (var bus in nl.OutputBuses)
            foreach (var lit in bus.Bits)
                Line(output, map[lit >> 1] ^ (lit & 1));
        for (var k = 0; k < _ands; k++)
        {
            var lhs = 2 * (_firstAndVar + k);
            if (binary)
            {
                output.Varint((uint)(lhs - _rhs0[k]));
                output.Varint((uint)(_rhs0[k] - _rhs1[k]));
            }
            else
            {
                output.Number(lhs);
                output.Byte((byte)' ');
                output.Number(_rhs0[k]);
                output.Byte((byte)' ');
                output.Number(_rhs1[k]);
                output.Byte((byte)'\n');
            }
        }
        WriteSymbols(output);
        output.Text("c\ngateforge\n");
        output.Flush();
    }

    private void WriteSymbols(ByteOutput output)
    {
        var inv = CultureInfo.InvariantCulture;
        var index = 0;
        foreach (var bus in _nl.InputBuses)
            for (var b = 0; b < bus.Width; b++)
                output.Text(string.Create(inv, $"i{index++} {BitName(bus, b)}\n"));
        for (var k = 0; k < _nl.LatchCount; k++)
            output.Text(string.Create(inv, $"l{k} l{k}\n"));
        index = 0;
        foreach (var bus in _nl.OutputBuses)
            for (var b = 0; b < bus.Width; b++)
                output.Text(string.Create(inv, $"o{index++} {BitName(bus, b)}\n"));
    }

    // A 1-bit bus is named without an index, as Yosys names a 1-bit port, so that ABC's cec (which
    // matches by name) pairs our AIGER with the Verilog read through Yosys.
    private static string BitName(Bus bus, int bit) =>
        bus.Width == 1 ? bus.Name : string.Create(CultureInfo.InvariantCulture, $"{bus.Name}[{bit}]");

    private static void Line(ByteOutput output, int value)
    {
        output.Number(value);
        output.Byte((byte)'\n');
    }

    /// <summary>An AND of two AIGER literals, folded and hashed; returns its literal.</summary>
    private int MakeAnd(int a, int b)
    {
        if (a < b)
            (a, b) = (b, a); // rhs0 >= rhs1
        if (b == 0 || a == (b ^ 1))
            return 0;
        if (b == 1 || a == b)
            return a;
        var slot = Hash(a, b) & _tableMask;
        while (true)
        {
            var k = _table[slot] - 1;
            if (k < 0)
                break;
            if (_rhs0[k] == a && _rhs1[k] == b)
                return 2 * (_firstAndVar + k);
            slot = (slot + 1) & _tableMask;
        }
        if (_ands == _rhs0.Length)
        {
            Array.Resize(ref _rhs0, _ands * 2);
            Array.Resize(ref _rhs1, _ands * 2);
        }
        _rhs0[_ands] = a;
        _rhs1[_ands] = b;
        _table[slot] = ++_ands;
        if (_ands * 2 > _table.Length)
            GrowTable();
        return 2 * (_firstAndVar + _ands - 1);
    }

    private static int Hash(int a, int b)
    {
        var h = (uint)a * 0x9E3779B1u ^ (uint)b * 0x85EBCA77u;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return (int)h;
    }

    private void GrowTable()
    {
        var size = _table.Length * 2;
        _table = new int[size];
        _tableMask = size - 1;
        for (var k = 0; k < _ands; k++)
        {
            var slot = Hash(_rhs0[k], _rhs1[k]) & _tableMask;
            while (_table[slot] != 0)
                slot = (slot + 1) & _tableMask;
            _table[slot] = k + 1;
        }
    }
}
