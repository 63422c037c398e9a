namespace GateForge.Ir;

/// <summary>
/// Logic levels: constants, inputs and latch outputs are level 0, an And/Xor node is one more than
/// its deeper fanin. Depth is the deepest level that an output or a latch input reads. The one
/// definition of depth: <see cref="Netlist.Depth"/>, <see cref="NetlistStats"/>, the pipeline pass and
/// (through <see cref="OfBuilder"/>, while a netlist is being built) the head's popcounts use it.
/// </summary>
public static class LogicLevels
{
    public static int[] Compute(Netlist nl)
    {
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var level = new int[kinds.Length];
        for (var i = 1; i < kinds.Length; i++)
        {
            if (IsGate(kinds[i]))
                level[i] = 1 + Math.Max(level[f0[i] >> 1], level[f1[i] >> 1]);
        }
        return level;
    }

    private static bool IsGate(NodeKind kind) => kind is NodeKind.And or NodeKind.Xor;

    /// <summary>The levels of a builder's nodes, computed as far as asked (nodes are only ever appended).</summary>
    public sealed class OfBuilder(NetlistBuilder b)
    {
        private readonly List<int> _level = [];

        /// <summary>The level of <paramref name="lit"/>'s node.</summary>
        public int Of(int lit)
        {
            var node = lit >> 1;
            for (var i = _level.Count; i <= node; i++)
                _level.Add(IsGate(b.Kind(i)) ? 1 + Math.Max(_level[b.F0(i) >> 1], _level[b.F1(i) >> 1]) : 0);
            return _level[node];
        }
    }

    /// <summary>The netlist's depth: the highest level among outputs and latch next-state literals.</summary>
    public static int Depth(Netlist nl, int[]? levels = null)
    {
        levels ??= Compute(nl);
        var depth = 0;
        foreach (var bus in nl.OutputBuses)
            foreach (var lit in bus.Bits)
                depth = Math.Max(depth, levels[lit >> 1]);
        foreach (var latch in nl.Latches)
            depth = Math.Max(depth, levels[nl.F0(latch) >> 1]);
        return depth;
    }
}
