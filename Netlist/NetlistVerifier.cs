namespace GateForge.Ir;

/// <summary>
/// Structural invariants of a netlist: topological order, fanin ranges, outputs and latch inputs
/// defined, canonical gates, no structural duplicates. Tests run it after every pass.
/// </summary>
public static class NetlistVerifier
{
    public static void Verify(Netlist nl)
    {
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var n = nl.NodeCount;
        if (n < 1 || kinds[0] != NodeKind.Const0)
            throw new NetlistException("node 0 must be the constant FALSE");
        var seen = new HashSet<(NodeKind, int, int)>();
        var inputsSeen = 0;
        for (var i = 1; i < n; i++)
        {
            switch (kinds[i])
            {
                case NodeKind.Const0:
                    throw new NetlistException($"node n{i}: only node 0 may be Const0");
                case NodeKind.Input:
                    if (f0[i] < 0 || f0[i] >= nl.InputCount || nl.Inputs[f0[i]] != i)
                        throw new NetlistException($"node n{i}: input position {f0[i]} does not match the input list");
                    inputsSeen++;
                    break;
                case NodeKind.And:
                case NodeKind.Xor:
                    CheckFanin(i, f0[i], i);
                    CheckFanin(i, f1[i], i);
                    if (f0[i] >= f1[i])
                        throw new NetlistException($"node n{i}: fanins {Lit.Format(f0[i])}, {Lit.Format(f1[i])} are not in canonical order");
                    if (Lit.Node(f0[i]) == 0)
                        throw new NetlistException($"node n{i}: constant fanin was not folded");
                    if (Lit.Node(f0[i]) == Lit.Node(f1[i]))
                        throw new NetlistException($"node n{i}: both fanins come from node n{Lit.Node(f0[i])}");
                    if (kinds[i] == NodeKind.Xor && (Lit.IsInverted(f0[i]) || Lit.IsInverted(f1[i])))
                        throw new NetlistException($"node n{i}: XOR fanins must not be inverted");
                    if (!seen.Add((kinds[i], f0[i], f1[i])))
                        throw new NetlistException($"node n{i}: duplicates another {kinds[i]} node with the same fanins");
                    break;
                case NodeKind.Latch:
                    CheckFanin(i, f0[i], n);
                    if (f1[i] is < 0 or > 2)
                        throw new NetlistException($"latch n{i}: reset value {f1[i]} must be 0, 1 or 2");
                    break;
                default:
                    throw new NetlistException($"node n{i}: unknown kind {(int)kinds[i]}");
            }
        }
        if (inputsSeen != nl.InputCount)
            throw new NetlistException($"input list names {nl.InputCount} inputs but {inputsSeen} input nodes exist");
        foreach (var latch in nl.Latches)
            if (latch <= 0 || latch >= n || kinds[latch] != NodeKind.Latch)
                throw new NetlistException($"latch list entry n{latch} is not a latch");
        var inputBits = 0;
        foreach (var bus in nl.InputBuses)
        {
            foreach (var lit in bus.Bits)
            {
                if (Lit.IsInverted(lit) || Lit.Node(lit) >= n || kinds[Lit.Node(lit)] != NodeKind.Input)
                    throw new NetlistException($"input bus '{bus.Name}': {Lit.Format(lit)} is not an input node");
                if (nl.Inputs[inputBits] != Lit.Node(lit))
                    throw new NetlistException($"input bus '{bus.Name}': bit order differs from the input list");
                inputBits++;
            }
        }
        if (inputBits != nl.InputCount)
            throw new NetlistException($"input buses hold {inputBits} bits but the netlist has {nl.InputCount} inputs");
        foreach (var bus in nl.OutputBuses)
            for (var b = 0; b < bus.Width; b++)
                if (bus.Bits[b] < 0 || Lit.Node(bus.Bits[b]) >= n)
                    throw new NetlistException($"output {bus.Name}[{b}] refers to missing node n{Lit.Node(bus.Bits[b])}");

        void CheckFanin(int node, int lit, int limit)
        {
            if (lit < 0 || Lit.Node(lit) >= limit)
                throw new NetlistException(limit == node
                    ? $"node n{node}: fanin {Lit.Format(lit)} is not before the node (topological order)"
                    : $"node n{node}: fanin {Lit.Format(lit)} refers to a missing node");
        }
    }
}
