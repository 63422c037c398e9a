using System.Runtime.CompilerServices;

namespace GateForge.Ir;

/// <summary>
/// The only way to create nodes (SPEC §2). Every And/Xor request is folded (constants, x∧x, x∧¬x,
/// x⊕x, x⊕¬x), its operands are put in a fixed order, and it is looked up in a structural hash
/// table before a node is appended. XOR nodes keep non-inverted fanins: inversions move to the
/// output literal, so XOR(¬a,b) and ¬XOR(a,b) share one node.
/// </summary>
public sealed class NetlistBuilder
{
    private NodeKind[] _kinds;
    private int[] _fanin0;
    private int[] _fanin1;
    private int _count;
    private int[] _table; // open addressing, holds node ids; 0 = empty (node 0 is never hashed)
    private int _tableMask;
    private int _hashed;
    private readonly List<int> _inputs = [];
    private readonly List<int> _latches = [];
    private readonly List<Bus> _inputBuses = [];
    private readonly List<Bus> _outputBuses = [];
    private readonly List<InputConstraint> _constraints = [];
    private readonly SortedDictionary<string, string> _attributes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busNames = new(StringComparer.Ordinal);

    public NetlistBuilder(int capacity = 1024)
    {
        capacity = Math.Max(capacity, 16);
        _kinds = new NodeKind[capacity];
        _fanin0 = new int[capacity];
        _fanin1 = new int[capacity];
        var tableSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity * 2);
        _table = new int[tableSize];
        _tableMask = tableSize - 1;
        _kinds[0] = NodeKind.Const0;
        _count = 1;
    }

    public int NodeCount => _count;
    public NodeKind Kind(int node) => _kinds[node];
    public int F0(int node) => _fanin0[node];
    public int F1(int node) => _fanin1[node];

    // ---- interface -------------------------------------------------------------------------

    /// <summary>Adds an input bus of <paramref name="width"/> bits and returns their literals, LSB first.</summary>
    public int[] AddInputBus(string name, int width)
    {
        ClaimBusName(name);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        var bits = new int[width];
        for (var i = 0; i < width; i++)
        {
            var id = Append(NodeKind.Input, _inputs.Count, 0);
            _inputs.Add(id);
            bits[i] = Lit.Make(id);
        }
        _inputBuses.Add(new Bus(name, bits));
        return bits;
    }

    /// <summary>Adds a named output bus (LSB first).</summary>
    public void AddOutputBus(string name, ReadOnlySpan<int> lits)
    {
        ClaimBusName(name);
        foreach (var l in lits)
            CheckLit(l);
        _outputBuses.Add(new Bus(name, lits.ToArray()));
    }

    /// <summary>Adds a latch with the given reset value (<see cref="LatchInit"/>); set its input with <see cref="SetLatchNext"/>.</summary>
    public int AddLatch(int init = LatchInit.Zero)
    {
        if (init is < 0 or > 2)
            throw new ArgumentOutOfRangeException(nameof(init), "latch init must be 0, 1 or 2 (none)");
        var id = Append(NodeKind.Latch, -1, init);
        _latches.Add(id);
        return Lit.Make(id);
    }

    public void SetLatchNext(int latchLit, int next)
    {
        var id = Lit.Node(latchLit);
        if (Lit.IsInverted(latchLit) || id >= _count || _kinds[id] != NodeKind.Latch)
            throw new ArgumentException($"{Lit.Format(latchLit)} is not a latch");
        _fanin0[id] = next;
    }

    public void SetAttribute(string key, string value) => _attributes[key] = value;
    public string? Attribute(string key) => _attributes.TryGetValue(key, out var v) ? v : null;
    public void AddConstraint(InputConstraint c) => _constraints.Add(c);

    // ---- gates -----------------------------------------------------------------------------

    public int And(int a, int b)
    {
        if (a > b)
            (a, b) = (b, a);
        if (a == Lit.False)
            return Lit.False;
        if (a == Lit.True)
            return b;
        if (a == b)
            return a;
        if ((a ^ 1) == b)
            return Lit.False;
        return Lit.Make(FindOrAdd(NodeKind.And, a, b));
    }

    public int Xor(int a, int b)
    {
        var inv = (a ^ b) & 1;
        a &= ~1;
        b &= ~1;
        if (a > b)
            (a, b) = (b, a);
        if (a == b)
            return inv;
        if (a == Lit.False)
            return b ^ inv;
        return Lit.Make(FindOrAdd(NodeKind.Xor, a, b)) ^ inv;
    }

    public int Or(int a, int b) => Lit.Not(And(Lit.Not(a), Lit.Not(b)));
    public int Nand(int a, int b) => Lit.Not(And(a, b));
    public int Nor(int a, int b) => And(Lit.Not(a), Lit.Not(b));
    public int Xnor(int a, int b) => Lit.Not(Xor(a, b));

    /// <summary>sel ? whenTrue : whenFalse, as whenFalse ⊕ (sel ∧ (whenTrue ⊕ whenFalse)).</summary>
    public int Mux(int sel, int whenTrue, int whenFalse) =>
        Xor(whenFalse, And(sel, Xor(whenTrue, whenFalse)));

    /// <summary>Majority of three (the carry of a full adder): (a∧b) ⊕ (c∧(a⊕b)).</summary>
    public int Maj(int a, int b, int c) => Xor(And(a, b), And(c, Xor(a, b)));

    /// <summary>One of the sixteen two-input gates by its difflogic id (SPEC §1, freezing table of §2).</summary>
    public int Gate(int gateId, int a, int b) => gateId switch
    {
        0 => Lit.False,
        1 => And(a, b),
        2 => And(a, Lit.Not(b)),
        3 => a,
        4 => And(Lit.Not(a), b),
        5 => b,
        6 => Xor(a, b),
        7 => Lit.Not(And(Lit.Not(a), Lit.Not(b))),
        8 => And(Lit.Not(a), Lit.Not(b)),
        9 => Lit.Not(Xor(a, b)),
        10 => Lit.Not(b),
        11 => Lit.Not(And(Lit.Not(a), b)),
        12 => Lit.Not(a),
        13 => Lit.Not(And(a, Lit.Not(b))),
        14 => Lit.Not(And(a, b)),
        15 => Lit.True,
        _ => throw new ArgumentOutOfRangeException(nameof(gateId), gateId, "gate id must be 0..15"),
    };

    // ---- rebuilding ------------------------------------------------------------------------

    /// <summary>
    /// Starts a rebuild of <paramref name="source"/>: copies its input buses and latches (same
    /// names, order, reset values) and returns a builder with <paramref name="map"/> from old node
    /// ids to new literals filled for node 0, inputs and latches. The caller maps the gates, then
    /// calls <see cref="FinishFrom"/>.
    /// </summary>
    public static NetlistBuilder StartFrom(Netlist source, out int[] map)
    {
        var b = new NetlistBuilder(source.NodeCount + 16);
        map = new int[source.NodeCount];
        map[0] = Lit.False;
        foreach (var bus in source.InputBuses)
        {
            var bits = b.AddInputBus(bus.Name, bus.Width);
            for (var i = 0; i < bits.Length; i++)
                map[Lit.Node(bus.Bits[i])] = bits[i];
        }
        foreach (var latch in source.Latches)
            map[latch] = b.AddLatch(source.F1(latch));
        foreach (var c in source.Constraints)
            b.AddConstraint(c);
        foreach (var (k, v) in source.Attributes)
            b.SetAttribute(k, v);
        return b;
    }

    /// <summary>Maps a literal of the source netlist through <paramref name="map"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MapLit(int[] map, int lit) => map[lit >> 1] ^ (lit & 1);

    /// <summary>Completes a rebuild: latch next-states and output buses through <paramref name="map"/>.</summary>
    public Netlist FinishFrom(Netlist source, int[] map)
    {
        foreach (var latch in source.Latches)
            SetLatchNext(map[latch], MapLit(map, source.F0(latch)));
        foreach (var bus in source.OutputBuses)
        {
            var bits = new int[bus.Width];
            for (var i = 0; i < bits.Length; i++)
                bits[i] = MapLit(map, bus.Bits[i]);
            AddOutputBus(bus.Name, bits);
        }
        return Build();
    }

    /// <summary>Copies every gate of <paramref name="source"/> through this builder (strash).</summary>
    public void MapGates(Netlist source, int[] map)
    {
        var kinds = source.Kinds;
        var f0 = source.Fanin0;
        var f1 = source.Fanin1;
        for (var i = 1; i < kinds.Length; i++)
        {
            switch (kinds[i])
            {
                case NodeKind.And:
                    map[i] = And(MapLit(map, f0[i]), MapLit(map, f1[i]));
                    break;
                case NodeKind.Xor:
                    map[i] = Xor(MapLit(map, f0[i]), MapLit(map, f1[i]));
                    break;
            }
        }
    }

    public Netlist Build()
    {
        foreach (var l in _latches)
            if (_fanin0[l] < 0)
                throw new NetlistException($"latch n{l} has no next-state literal");
        foreach (var l in _latches)
            CheckLit(_fanin0[l]);
        var nl = new Netlist(_kinds, _fanin0, _fanin1, _count, [.. _inputs], [.. _latches],
            [.. _inputBuses], [.. _outputBuses], [.. _constraints],
            new SortedDictionary<string, string>(_attributes, StringComparer.Ordinal));
        // The netlist now owns the arrays; detach so later builder calls cannot change it.
        _kinds = [];
        _fanin0 = [];
        _fanin1 = [];
        _table = [];
        _count = 0;
        return nl;
    }

    // ---- internals -------------------------------------------------------------------------

    private void ClaimBusName(string name)
    {
        if (!_busNames.Add(name))
            throw new ArgumentException($"bus name '{name}' is used twice");
    }

    private void CheckLit(int lit)
    {
        if (lit < 0 || Lit.Node(lit) >= _count)
            throw new ArgumentException($"literal {lit} refers to a node that does not exist");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(NodeKind kind, int a, int b)
    {
        var h = (uint)a * 0x9E3779B1u;
        h ^= (uint)b * 0x85EBCA77u + (uint)kind * 0xC2B2AE3Du;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return (int)h;
    }

    private int FindOrAdd(NodeKind kind, int a, int b)
    {
        if (Lit.Node(a) >= _count || Lit.Node(b) >= _count || a < 0)
            throw new ArgumentException($"fanin literal refers to a node that does not exist ({a}, {b})");
        var slot = Hash(kind, a, b) & _tableMask;
        while (true)
        {
            var id = _table[slot];
            if (id == 0)
                break;
            if (_fanin0[id] == a && _fanin1[id] == b && _kinds[id] == kind)
                return id;
            slot = (slot + 1) & _tableMask;
        }
        var node = Append(kind, a, b);
        _table[slot] = node;
        if (++_hashed * 2 > _table.Length)
            GrowTable();
        return node;
    }

    private void GrowTable()
    {
        var size = _table.Length * 2;
        _table = new int[size];
        _tableMask = size - 1;
        for (var id = 1; id < _count; id++)
        {
            if (_kinds[id] is not (NodeKind.And or NodeKind.Xor))
                continue;
            var slot = Hash(_kinds[id], _fanin0[id], _fanin1[id]) & _tableMask;
            while (_table[slot] != 0)
                slot = (slot + 1) & _tableMask;
            _table[slot] = id;
        }
    }

    private int Append(NodeKind kind, int f0, int f1)
    {
        if (_count == _kinds.Length)
        {
            if (_kinds.Length == 0)
                throw new InvalidOperationException("builder was already used to Build() a netlist");
            var size = _kinds.Length * 2;
            Array.Resize(ref _kinds, size);
            Array.Resize(ref _fanin0, size);
            Array.Resize(ref _fanin1, size);
        }
        _kinds[_count] = kind;
        _fanin0[_count] = f0;
        _fanin1[_count] = f1;
        return _count++;
    }
}
