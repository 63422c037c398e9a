namespace GateForge.Ir;

/// <summary>
/// An immutable XOR-AND graph with complemented edges, stored Gia-style as flat arrays in
/// topological order (SPEC §2). Build one with <see cref="NetlistBuilder"/>; passes never edit a
/// netlist, they rebuild it.
/// </summary>
public sealed class Netlist
{
    private readonly NodeKind[] _kinds;
    private readonly int[] _fanin0;
    private readonly int[] _fanin1;
    private readonly int[] _inputs;
    private readonly int[] _latches;
    private readonly Bus[] _inputBuses;
    private readonly Bus[] _outputBuses;
    private readonly InputConstraint[] _constraints;
    private readonly SortedDictionary<string, string> _attributes;

    internal Netlist(
        NodeKind[] kinds, int[] fanin0, int[] fanin1, int nodeCount,
        int[] inputs, int[] latches, Bus[] inputBuses, Bus[] outputBuses,
        InputConstraint[] constraints, SortedDictionary<string, string> attributes)
    {
        (NodeCount, _kinds, _fanin0, _fanin1) = (nodeCount, kinds, fanin0, fanin1);
        (_inputs, _latches, _inputBuses, _outputBuses, _constraints, _attributes) = (inputs, latches, inputBuses, outputBuses, constraints, attributes);
    }

    /// <summary>Number of nodes including node 0 (the constant).</summary>
    public int NodeCount { get; }

    /// <summary>Node kinds, indexed by node id. Length may exceed <see cref="NodeCount"/>; only the first NodeCount entries are valid.</summary>
    public ReadOnlySpan<NodeKind> Kinds => _kinds.AsSpan(0, NodeCount);
    /// <summary>First fanin literal (And/Xor), input position (Input) or next-state literal (Latch).</summary>
    public ReadOnlySpan<int> Fanin0 => _fanin0.AsSpan(0, NodeCount);
    /// <summary>Second fanin literal (And/Xor) or reset value (Latch, see <see cref="LatchInit"/>).</summary>
    public ReadOnlySpan<int> Fanin1 => _fanin1.AsSpan(0, NodeCount);

    public NodeKind Kind(int node) => _kinds[node];
    public int F0(int node) => _fanin0[node];
    public int F1(int node) => _fanin1[node];

    /// <summary>Input node ids in input order (the concatenation of the input buses).</summary>
    public ReadOnlySpan<int> Inputs => _inputs;
    /// <summary>Latch node ids in creation order.</summary>
    public ReadOnlySpan<int> Latches => _latches;
    public IReadOnlyList<Bus> InputBuses => _inputBuses;
    public IReadOnlyList<Bus> OutputBuses => _outputBuses;
    public IReadOnlyList<InputConstraint> Constraints => _constraints;
    /// <summary>Free-form metadata (design name, pipeline latency, ...), sorted by key for determinism.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    public int InputCount => _inputs.Length;
    public int LatchCount => _latches.Length;
    public int OutputCount
    {
        get
        {
            var n = 0;
            foreach (var b in _outputBuses)
                n += b.Width;
            return n;
        }
    }

    /// <summary>All output literals, the output buses concatenated in order.</summary>
    public int[] OutputLiterals()
    {
        var result = new int[OutputCount];
        var k = 0;
        foreach (var b in _outputBuses)
            foreach (var lit in b.Bits)
                result[k++] = lit;
        return result;
    }

    public Bus? FindInputBus(string name) => Array.Find(_inputBuses, b => b.Name == name);
    public Bus? FindOutputBus(string name) => Array.Find(_outputBuses, b => b.Name == name);

    public Bus InputBus(string name) =>
        FindInputBus(name) ?? throw new KeyNotFoundException($"netlist has no input bus '{name}'");
    public Bus OutputBus(string name) =>
        FindOutputBus(name) ?? throw new KeyNotFoundException($"netlist has no output bus '{name}'");

    /// <summary>Position of an input bus's first bit within <see cref="Inputs"/>.</summary>
    public int InputOffset(string busName) => Offset(_inputBuses, busName, "input");

    /// <summary>Position of an output bus's first bit within the concatenated outputs (<see cref="OutputLiterals"/>).</summary>
    public int OutputOffset(string busName) => Offset(_outputBuses, busName, "output");

    private static int Offset(Bus[] buses, string busName, string direction)
    {
        var offset = 0;
        foreach (var b in buses)
        {
            if (b.Name == busName)
                return offset;
            offset += b.Width;
        }
        throw new KeyNotFoundException($"netlist has no {direction} bus '{busName}'");
    }

    public string? Attribute(string key) => _attributes.TryGetValue(key, out var v) ? v : null;

    public int CountOf(NodeKind kind)
    {
        var n = 0;
        foreach (var k in Kinds)
            if (k == kind)
                n++;
        return n;
    }

    /// <summary>And plus Xor nodes.</summary>
    public int GateCount => CountOf(NodeKind.And) + CountOf(NodeKind.Xor);

    /// <summary>Two-input ANDs after expanding each XOR into three (the AIGER cost).</summary>
    public long AndEquivalent => CountOf(NodeKind.And) + 3L * CountOf(NodeKind.Xor);

    /// <summary>The deepest logic level an output or a latch input reads (<see cref="LogicLevels"/>).</summary>
    public int Depth => LogicLevels.Depth(this);

    /// <summary>Checks the structural invariants; throws <see cref="NetlistException"/> naming the first problem.</summary>
    public void Verify() => NetlistVerifier.Verify(this);

    internal NodeKind[] KindArray => _kinds;
    internal int[] Fanin0Array => _fanin0;
    internal int[] Fanin1Array => _fanin1;
}

/// <summary>A malformed netlist or netlist file. The message names the problem and where it is.</summary>
public sealed class NetlistException : Exception
{
    public NetlistException(string message) : base(message) { }
    public NetlistException(string message, Exception inner) : base(message, inner) { }
}
