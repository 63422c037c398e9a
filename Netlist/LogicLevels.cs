namespace GateForge.Ir;

/// <summary>
/// Logic levels: constants, inputs and latch outputs are level 0, an And/Xor node is one more than
/// its deeper fanin. Depth is the deepest level that an output or a latch input reads. The one
/// definition of depth: <see cref="Netlist.Depth"/>, <see cref="NetlistStats"/> and the pipeline pass use it.
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
            if (kinds[i] is NodeKind.And or NodeKind.Xor)
                level[i] = 1 + Math.Max(level[f0[i] >> 1], level[f1[i] >> 1]);
        }
        return level;
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
