namespace GateForge.Ir.Passes;

/// <summary>
/// <c>balance</c>: rebuilds AND and XOR chains and trees as balanced trees to cut depth. For each
/// gate that is a root (read more than once, by an output or latch, through an inversion, or by a
/// gate of the other kind) it collects the supergate: the leaves below it through single-fanout,
/// non-inverted gates of the same kind. Duplicate leaves are merged (x∧x = x, x∧¬x = 0, x⊕x = 0),
/// then the two leaves of lowest level are paired until one is left, which gives the least depth
/// for that set of leaves.
/// </summary>
public sealed class BalancePass : Pass
{
    public override string Name => "balance";
    public override string Summary => "rebuild AND/XOR chains and trees as balanced trees to cut depth";
    public override string Help => """
        balance

        A supergate is a maximal tree of gates of one kind (AND or XOR) whose inner gates
        each feed only the gate above them, without inversion. balance collects every
        supergate's leaves, merges repeated leaves (x&x=x, x&!x=0, x^x=0, constants), and
        rebuilds it by pairing the two leaves of lowest logic level first, so that a chain
        of n leaves becomes a tree of depth about log2(n). Gate count never grows: each
        inner gate feeds one gate only, so nothing is duplicated. When the rebuild cuts
        neither the depth nor the gate count, the input is kept (reported unchanged).
        """;

    public override PassResult Run(Netlist input, PassContext context)
    {
        var depthBefore = input.Depth;
        var rebuilt = new Rebuild(input, context.Cancellation).Run(out var supergates, out var maxLeaves);
        var depthAfter = rebuilt.Depth;
        var counts = PassResult.NewCounts();
        counts["supergates"] = supergates;
        counts["max_leaves"] = maxLeaves;
        counts["depth_cut"] = depthBefore - depthAfter;
        counts["gates_merged"] = input.GateCount - rebuilt.GateCount;
        // A rebuild that cuts neither depth nor gates only renumbers nodes: keep the input, so
        // that fixpoint(...) sees no change and stops.
        if (depthAfter >= depthBefore && counts["gates_merged"] <= 0)
            return new PassResult(input, false, counts);
        return new PassResult(rebuilt, true, counts);
    }

    /// <summary>The state of one rebuild: the source, the new builder and the new nodes' levels.</summary>
    private sealed class Rebuild
    {
        private readonly Netlist _src;
        private readonly CancellationToken _cancellation;
        private readonly List<int> _level = [];
        private readonly List<int> _leaves = [];
        private readonly Stack<int> _stack = new();
        private readonly PriorityQueue<int, long> _queue = new();
        private NetlistBuilder _b = null!;

        public Rebuild(Netlist src, CancellationToken cancellation)
        {
            _src = src;
            _cancellation = cancellation;
        }

        public Netlist Run(out long supergates, out long maxLeaves)
        {
            var inner = InnerGates(_src);
            _b = NetlistBuilder.StartFrom(_src, out var map);
            var kinds = _src.Kinds;
            supergates = 0;
            maxLeaves = 0;
            for (var i = 1; i < kinds.Length; i++)
            {
                if (kinds[i] is not (NodeKind.And or NodeKind.Xor) || inner[i])
                    continue;
                if ((i & 0xFFFF) == 0)
                    _cancellation.ThrowIfCancellationRequested();
                CollectLeaves(i, inner, map);
                maxLeaves = Math.Max(maxLeaves, _leaves.Count);
                if (_leaves.Count > 2)
                    supergates++;
                map[i] = kinds[i] == NodeKind.And ? BuildAnd() : BuildXor();
            }
            return _b.FinishFrom(_src, map);
        }

        /// <summary>Gates read exactly once, without inversion, by a gate of their own kind.</summary>
        private static bool[] InnerGates(Netlist nl)
        {
            var kinds = nl.Kinds;
            var f0 = nl.Fanin0;
            var f1 = nl.Fanin1;
            var refs = new int[kinds.Length];
            var absorbed = new int[kinds.Length];
            for (var i = 1; i < kinds.Length; i++)
            {
                if (kinds[i] is not (NodeKind.And or NodeKind.Xor))
                    continue;
                foreach (var lit in (ReadOnlySpan<int>)[f0[i], f1[i]])
                {
                    var node = lit >> 1;
                    refs[node]++;
                    if ((lit & 1) == 0 && kinds[node] == kinds[i])
                        absorbed[node]++;
                }
            }
            foreach (var lit in nl.OutputLiterals())
                refs[lit >> 1]++;
            foreach (var latch in nl.Latches)
                refs[nl.F0(latch) >> 1]++;
            var inner = new bool[kinds.Length];
            for (var i = 1; i < kinds.Length; i++)
                inner[i] = refs[i] == 1 && absorbed[i] == 1;
            return inner;
        }

        private void CollectLeaves(int root, bool[] inner, int[] map)
        {
            _leaves.Clear();
            var kind = _src.Kind(root);
            _stack.Push(_src.F1(root));
            _stack.Push(_src.F0(root));
            while (_stack.Count > 0)
            {
                var lit = _stack.Pop();
                var node = lit >> 1;
                if ((lit & 1) == 0 && inner[node] && _src.Kind(node) == kind)
                {
                    _stack.Push(_src.F1(node));
                    _stack.Push(_src.F0(node));
                }
                else
                {
                    _leaves.Add(NetlistBuilder.MapLit(map, lit));
                }
            }
        }

        private int BuildAnd()
        {
            if (_leaves.Count == 2)
                return _b.And(_leaves[0], _leaves[1]);
            _leaves.Sort();
            var previous = -1;
            var kept = 0;
            for (var i = 0; i < _leaves.Count; i++)
            {
                var lit = _leaves[i];
                if (lit == Lit.False || (previous ^ 1) == lit)
                    return Lit.False;
                if (lit == Lit.True || lit == previous)
                    continue;
                _leaves[kept++] = lit;
                previous = lit;
            }
            _leaves.RemoveRange(kept, _leaves.Count - kept);
            return Combine(NodeKind.And, Lit.True);
        }

        private int BuildXor()
        {
            if (_leaves.Count == 2)
                return _b.Xor(_leaves[0], _leaves[1]);
            var parity = 0;
            for (var i = 0; i < _leaves.Count; i++)
            {
                parity ^= _leaves[i] & 1;
                _leaves[i] &= ~1;
            }
            _leaves.Sort();
            var kept = 0;
            for (var i = 0; i < _leaves.Count; i++)
            {
                if (i + 1 < _leaves.Count && _leaves[i + 1] == _leaves[i])
                {
                    i++; // x ^ x = 0
                    continue;
                }
                if (_leaves[i] != Lit.False)
                    _leaves[kept++] = _leaves[i];
            }
            _leaves.RemoveRange(kept, _leaves.Count - kept);
            return Combine(NodeKind.Xor, Lit.False) ^ parity;
        }

        /// <summary>Pairs the two lowest-level operands until one is left (ties by order of arrival).</summary>
        private int Combine(NodeKind kind, int identity)
        {
            if (_leaves.Count == 0)
                return identity;
            _queue.Clear();
            long order = 0;
            foreach (var lit in _leaves)
                _queue.Enqueue(lit, Priority(lit, order++));
            while (_queue.Count > 1)
            {
                var x = _queue.Dequeue();
                var y = _queue.Dequeue();
                var z = kind == NodeKind.And ? _b.And(x, y) : _b.Xor(x, y);
                _queue.Enqueue(z, Priority(z, order++));
            }
            return _queue.Dequeue();
        }

        private long Priority(int lit, long order) => ((long)LevelOf(lit) << 40) | order;

        /// <summary>Level of a literal of the new netlist, computing levels of nodes added since the last call.</summary>
        private int LevelOf(int lit)
        {
            for (var n = _level.Count; n < _b.NodeCount; n++)
            {
                _level.Add(_b.Kind(n) is NodeKind.And or NodeKind.Xor
                    ? 1 + Math.Max(_level[_b.F0(n) >> 1], _level[_b.F1(n) >> 1])
                    : 0);
            }
            return _level[lit >> 1];
        }
    }
}
