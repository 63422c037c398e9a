using System.Globalization;
using GateForge.Emitters.Text;
using GateForge.Ir;

namespace GateForge.Emitters.C;

/// <summary>
/// Portable C99, bit-parallel over <c>uint64_t</c> (64 samples per word). The header and the batch
/// <c>predict</c> come from templates; the gates are streamed. By default the gates are split into
/// <c>static</c> functions (chunks) of at most <see cref="EmitOptions.CGatesPerFunction"/> gates in
/// topological order. Inside a chunk every gate is a local; only the values that a later chunk or an
/// output reads are also stored in the state array (<c>v[slot]</c>), and other chunks read them from
/// there. The compiler sees many small functions with few live values, so its time grows linearly
/// with the gate count. With 0, one straight-line function with a local per gate is written instead
/// (difflogic's form, kept for comparison).
/// </summary>
public sealed class CEmitter
{
    private readonly Netlist _netlist;
    private readonly DesignShape _shape;
    private readonly string _prefix;
    private readonly int _gatesPerFunction;
    private readonly bool[] _live;
    private readonly int[] _slot; // input node → -(position+1); gate read across chunks → state slot; else 0
    private readonly int[] _chunk; // gate node → chunk index
    private readonly bool[] _shared; // gate read by another chunk or an output: kept in the state array
    private readonly int _gates;
    private readonly int _stateWords;
    private int _currentChunk = -1;

    private readonly IReadOnlyList<CFeatureEncoding>? _encoding;

    /// <param name="encoding">the model's input encoding: adds <c>&lt;prefix&gt;_encode</c> (null: none)</param>
    public CEmitter(Netlist netlist, DesignShape shape, string prefix, int gatesPerFunction, IReadOnlyList<CFeatureEncoding>? encoding = null)
    {
        if (netlist.LatchCount > 0)
            throw new ArgumentException("C is emitted for combinational netlists only (this one has latches)");
        _netlist = netlist;
        _shape = shape;
        _prefix = prefix;
        _gatesPerFunction = gatesPerFunction;
        if (encoding is not null && CInputEncoding.Bits(encoding) != shape.InputBits)
            throw new ArgumentException($"the input encoding gives {CInputEncoding.Bits(encoding)} bits, the netlist has {shape.InputBits} data inputs");
        _encoding = encoding;
        _live = LiveNodes.Mark(netlist);
        _slot = new int[netlist.NodeCount];
        var inputs = netlist.Inputs;
        for (var i = 0; i < inputs.Length; i++)
            _slot[inputs[i]] = -(i + 1);
        _chunk = new int[netlist.NodeCount];
        _shared = new bool[netlist.NodeCount];
        var kinds = netlist.Kinds;
        for (var node = 1; node < kinds.Length; node++)
            if (IsGate(node))
                _chunk[node] = gatesPerFunction == 0 ? 0 : _gates++ / gatesPerFunction;
        if (gatesPerFunction == 0)
            _gates = LiveGateCount();
        else
            _stateWords = AssignSlots();
    }

    private bool IsGate(int node) => _live[node] && _netlist.Kind(node) is NodeKind.And or NodeKind.Xor;

    private int LiveGateCount()
    {
        var count = 0;
        for (var node = 1; node < _netlist.NodeCount; node++)
            if (IsGate(node))
                count++;
        return count;
    }

    private void MarkIfOtherChunk(int[] lastReader, int source, int reader)
    {
        if (source != 0 && IsGate(source) && _chunk[source] != _chunk[reader])
            lastReader[source] = Math.Max(lastReader[source], _chunk[reader]);
    }

    /// <summary>
    /// Gives a state slot to each gate that another chunk or an output reads; returns the slot count.
    /// A slot is reused once the chunk that last reads it has run, so the state stays about as large
    /// as the widest cut between chunks (cache-friendly) rather than one word per shared value.
    /// </summary>
    private int AssignSlots()
    {
        var lastReader = new int[_netlist.NodeCount];
        Array.Fill(lastReader, -1);
        for (var node = 1; node < _netlist.NodeCount; node++)
        {
            if (!IsGate(node))
                continue;
            MarkIfOtherChunk(lastReader, Lit.Node(_netlist.F0(node)), node);
            MarkIfOtherChunk(lastReader, Lit.Node(_netlist.F1(node)), node);
        }
        foreach (var lit in _netlist.OutputLiterals())
        {
            var source = Lit.Node(lit);
            if (source != 0 && IsGate(source))
                lastReader[source] = int.MaxValue;
        }
        var busy = new PriorityQueue<int, int>(); // slot by the chunk that last reads it
        var free = new Stack<int>();
        var slots = 0;
        for (var node = 1; node < _netlist.NodeCount; node++)
        {
            if (!IsGate(node) || lastReader[node] < 0)
                continue;
            while (busy.TryPeek(out var slot, out var until) && until < _chunk[node])
            {
                busy.Dequeue();
                free.Push(slot);
            }
            _shared[node] = true;
            _slot[node] = free.Count > 0 ? free.Pop() : slots++;
            busy.Enqueue(_slot[node], lastReader[node]);
        }
        var stride = ScatterStride(slots);
        for (var node = 1; node < _netlist.NodeCount; node++)
            if (_shared[node])
                _slot[node] = (int)((long)_slot[node] * stride % slots);
        return slots;
    }

    /// <summary>
    /// A multiplier coprime to <paramref name="slots"/>, so that slot → slot × stride mod slots is a
    /// permutation that puts consecutively allocated slots far apart. Stores to adjacent words invite
    /// gcc's SLP vectoriser, which then spends half of the -O2 compile time pairing gates into SSE
    /// operations that do not pay (their operands are scattered) and makes the code slower.
    /// </summary>
    private static long ScatterStride(int slots)
    {
        if (slots < 4)
            return 1;
        var stride = (long)(slots * 0.6180339887) | 1;
        while (Gcd(stride, slots) != 1)
            stride += 2;
        return stride;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    private string Macro => _prefix.ToUpperInvariant();
    private bool StraightLine => _gatesPerFunction == 0;

    public void WriteHeader(string path, TemplateSet templates)
    {
        var buses = new List<PortModel>();
        var offset = 0;
        foreach (var bus in _netlist.InputBuses)
        {
            buses.Add(new PortModel(bus.Name, bus.Width, offset.ToString(CultureInfo.InvariantCulture)));
            offset += bus.Width;
        }
        offset = 0;
        foreach (var bus in _netlist.OutputBuses)
        {
            buses.Add(new PortModel(bus.Name, bus.Width, offset.ToString(CultureInfo.InvariantCulture)));
            offset += bus.Width;
        }
        var text = templates.Render("c_header.h.liquid", new Dictionary<string, object>
        {
            ["prefix"] = _prefix,
            ["macro"] = Macro,
            ["inputs"] = _netlist.InputCount,
            ["outputs"] = _netlist.OutputCount,
            ["state_words"] = Math.Max(1, _stateWords),
            ["buses"] = buses,
            ["head"] = _shape.HasHead,
            ["classes"] = _shape.Classes,
            ["score_bits"] = _shape.ScoreBits,
            ["class_bits"] = _shape.ClassBits,
            ["encode"] = _encoding is not null,
            ["num_features"] = _encoding?.Count ?? 0,
        });
        File.WriteAllText(path, text);
    }

    public void WriteSource(string path, TemplateSet templates)
    {
        var variables = new Dictionary<string, object>
        {
            ["prefix"] = _prefix,
            ["macro"] = Macro,
            ["gates"] = _gates,
            ["layout"] = StraightLine
                ? "One straight-line function, one local per gate."
                : $"Gates in functions of at most {_gatesPerFunction}, locals inside a function; values read by other functions in a state array.",
        };
        using var w = new CodeWriter(path);
        w.Write(templates.Render("c_source_head.c.liquid", variables));
        if (StraightLine)
            WriteStraightLine(w);
        else
            WriteParts(w);
        if (_shape.HasHead)
            w.Write(templates.Render("c_predict.c.liquid", variables));
        if (_encoding is not null)
        {
            CInputEncoding.AddVariables(variables, _encoding);
            w.Write(templates.Render("c_encode.c.liquid", variables));
        }
    }

    private void WriteParts(CodeWriter w)
    {
        var parts = 0;
        for (var node = 1; node < _netlist.NodeCount; node++)
        {
            if (!IsGate(node))
                continue;
            if (_chunk[node] == parts)
            {
                if (parts > 0)
                    w.Line("}");
                _currentChunk = parts++;
                w.Line();
                w.Write("static void ").Write(_prefix).Write("_part").Write(_currentChunk)
                    .Line("(const uint64_t *restrict in, uint64_t *restrict v)");
                w.Line("{");
                w.Line("    (void)in;");
                w.Line("    (void)v;");
            }
            w.Write("    const uint64_t n").Write(node).Write(" = ");
            Gate(w, node);
            w.Line(";");
            if (_shared[node])
                w.Write("    v[").Write(_slot[node]).Write("] = n").Write(node).Line(";");
        }
        if (parts > 0)
            w.Line("}");
        _currentChunk = -1;
        w.Line();
        w.Write("void ").Write(_prefix).Line("_eval_packed_r(const uint64_t *in, uint64_t *out, uint64_t *v)");
        w.Line("{");
        if (parts == 0)
            w.Line("    (void)v;");
        for (var p = 0; p < parts; p++)
            w.Write("    ").Write(_prefix).Write("_part").Write(p).Line("(in, v);");
        WriteOutputs(w);
        w.Line("}");
    }

    private void WriteStraightLine(CodeWriter w)
    {
        w.Line();
        w.Write("void ").Write(_prefix).Line("_eval_packed_r(const uint64_t *in, uint64_t *out, uint64_t *state)");
        w.Line("{");
        w.Line("    (void)state;");
        var kinds = _netlist.Kinds;
        for (var node = 1; node < kinds.Length; node++)
        {
            if (!_live[node] || kinds[node] is not (NodeKind.And or NodeKind.Xor))
                continue;
            w.Write("    const uint64_t n").Write(node).Write(" = ");
            Gate(w, node);
            w.Line(";");
        }
        WriteOutputs(w);
        w.Line("}");
    }

    private void WriteOutputs(CodeWriter w)
    {
        var outputs = _netlist.OutputLiterals();
        for (var i = 0; i < outputs.Length; i++)
        {
            w.Write("    out[").Write(i).Write("] = ");
            Ref(w, outputs[i]);
            w.Line(";");
        }
        if (outputs.Length == 0)
            w.Line("    (void)out;");
        if (_netlist.InputCount == 0)
            w.Line("    (void)in;");
    }

    private void Gate(CodeWriter w, int node)
    {
        Ref(w, _netlist.F0(node));
        w.Write(_netlist.Kind(node) == NodeKind.And ? " & " : " ^ ");
        Ref(w, _netlist.F1(node));
    }

    private void Ref(CodeWriter w, int lit)
    {
        switch (lit)
        {
            case Lit.False:
                w.Write("UINT64_C(0)");
                return;
            case Lit.True:
                w.Write("~UINT64_C(0)");
                return;
        }
        if (Lit.IsInverted(lit))
            w.Write('~');
        var node = Lit.Node(lit);
        var slot = _slot[node];
        if (slot < 0)
            w.Write("in[").Write(-slot - 1).Write(']');
        else if (StraightLine || _chunk[node] == _currentChunk)
            w.Write('n').Write(node);
        else
            w.Write("v[").Write(slot).Write(']');
    }
}
