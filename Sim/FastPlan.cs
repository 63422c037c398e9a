using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>The five gate operations of the fast engine: AND with each fanin inversion pattern, and XOR.</summary>
internal enum FastOp : byte
{
    And = 0,
    AndNotB = 1,
    AndNotA = 2,
    Nor = 3,
    Xor = 4,
}

/// <summary>
/// The fast engine's program for one netlist: the gates in the cone of the requested literals,
/// levelised, each level's gates grouped by operation (so the inner loops have no switch), and
/// every value given a scratch slot that is reused once its last reader has run (so the scratch of
/// a tile stays small enough for the caches).
/// </summary>
internal sealed class FastPlan
{
    private FastPlan(int slotCount, int[] inputSlots, int[] latchSlots, int[] latchInit, int constSlot,
        int[] ops, FastOp[] groupOps, int[] groupStarts, int[] outputSlots, ulong[] outputFlips, int gateCount)
    {
        (SlotCount, InputSlots, LatchSlots, LatchInit, ConstSlot) = (slotCount, inputSlots, latchSlots, latchInit, constSlot);
        (Ops, GroupOps, GroupStarts, OutputSlots, OutputFlips, GateCount) = (ops, groupOps, groupStarts, outputSlots, outputFlips, gateCount);
    }

    public int SlotCount { get; }
    /// <summary>Slot of input i, or -1 when the input is not read.</summary>
    public int[] InputSlots { get; }
    /// <summary>Slot of latch i (current state), or -1 when it is not read.</summary>
    public int[] LatchSlots { get; }
    public int[] LatchInit { get; }
    /// <summary>Slot holding zeros for node 0, or -1.</summary>
    public int ConstSlot { get; }
    /// <summary>Triples (dst, a, b) of slots, in execution order.</summary>
    public int[] Ops { get; }
    public FastOp[] GroupOps { get; }
    /// <summary>Group g covers gates [GroupStarts[g], GroupStarts[g+1]).</summary>
    public int[] GroupStarts { get; }
    public int[] OutputSlots { get; }
    public ulong[] OutputFlips { get; }
    public int GateCount { get; }

    public static FastPlan Build(Netlist nl, ReadOnlySpan<int> literals)
    {
        var n = nl.NodeCount;
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        foreach (var lit in literals)
            if (lit < 0 || Lit.Node(lit) >= n)
                throw new ArgumentException($"literal {lit} refers to a node that does not exist");

        // Cone of the requested literals (latches are sources: their next state is not followed).
        var needed = new bool[n];
        foreach (var lit in literals)
            needed[Lit.Node(lit)] = true;
        for (var i = n - 1; i > 0; i--)
        {
            if (!needed[i] || kinds[i] is not (NodeKind.And or NodeKind.Xor))
                continue;
            needed[Lit.Node(f0[i])] = true;
            needed[Lit.Node(f1[i])] = true;
        }

        // Levels, then gates ordered by (level, op) with a counting sort.
        var level = new int[n];
        var maxLevel = 0;
        var gates = 0;
        for (var i = 1; i < n; i++)
        {
            if (!needed[i] || kinds[i] is not (NodeKind.And or NodeKind.Xor))
                continue;
            level[i] = 1 + Math.Max(level[Lit.Node(f0[i])], level[Lit.Node(f1[i])]);
            maxLevel = Math.Max(maxLevel, level[i]);
            gates++;
        }
        var bucketCount = (maxLevel + 1) * 5;
        var bucketStart = new int[bucketCount + 1];
        for (var i = 1; i < n; i++)
            if (needed[i] && kinds[i] is NodeKind.And or NodeKind.Xor)
                bucketStart[Bucket(level[i], OpOf(kinds[i], f0[i], f1[i])) + 1]++;
        for (var k = 0; k < bucketCount; k++)
            bucketStart[k + 1] += bucketStart[k];
        var order = new int[gates];
        var fill = (int[])bucketStart.Clone();
        for (var i = 1; i < n; i++)
            if (needed[i] && kinds[i] is NodeKind.And or NodeKind.Xor)
                order[fill[Bucket(level[i], OpOf(kinds[i], f0[i], f1[i]))]++] = i;

        // Last reader of every node, in execution order; requested literals stay alive to the end.
        var lastUse = new int[n];
        Array.Fill(lastUse, -1);
        for (var g = 0; g < gates; g++)
        {
            var node = order[g];
            lastUse[Lit.Node(f0[node])] = g;
            lastUse[Lit.Node(f1[node])] = g;
        }
        foreach (var lit in literals)
            lastUse[Lit.Node(lit)] = int.MaxValue;

        // Sources get slots first, then gates reuse freed slots (LIFO keeps hot slots hot).
        var slot = new int[n];
        Array.Fill(slot, -1);
        var slotCount = 0;
        var free = new Stack<int>();
        var constSlot = needed[0] || lastUse[0] >= 0 ? slotCount++ : -1;
        if (constSlot >= 0)
            slot[0] = constSlot;
        var inputSlots = new int[nl.InputCount];
        for (var i = 0; i < inputSlots.Length; i++)
        {
            var node = nl.Inputs[i];
            inputSlots[i] = lastUse[node] >= 0 ? slot[node] = slotCount++ : -1;
        }
        var latchSlots = new int[nl.LatchCount];
        var latchInit = new int[nl.LatchCount];
        for (var i = 0; i < latchSlots.Length; i++)
        {
            var node = nl.Latches[i];
            latchInit[i] = f1[node];
            latchSlots[i] = lastUse[node] >= 0 ? slot[node] = slotCount++ : -1;
        }
        var ops = new int[gates * 3];
        for (var g = 0; g < gates; g++)
        {
            var node = order[g];
            var a = Lit.Node(f0[node]);
            var b = Lit.Node(f1[node]);
            ops[3 * g + 1] = slot[a];
            ops[3 * g + 2] = slot[b];
            // Free the sources first: an element-wise op may write the slot it reads.
            if (lastUse[a] == g)
                free.Push(slot[a]);
            if (lastUse[b] == g && b != a)
                free.Push(slot[b]);
            var dst = free.Count > 0 ? free.Pop() : slotCount++;
            slot[node] = dst;
            ops[3 * g] = dst;
        }

        var groupOps = new List<FastOp>();
        var groupStarts = new List<int>();
        for (var k = 0; k < bucketCount; k++)
        {
            if (bucketStart[k + 1] == bucketStart[k])
                continue;
            groupOps.Add((FastOp)(k % 5));
            groupStarts.Add(bucketStart[k]);
        }
        groupStarts.Add(gates);

        var outputSlots = new int[literals.Length];
        var outputFlips = new ulong[literals.Length];
        for (var i = 0; i < literals.Length; i++)
        {
            outputSlots[i] = slot[Lit.Node(literals[i])];
            outputFlips[i] = Lit.IsInverted(literals[i]) ? ulong.MaxValue : 0UL;
        }
        return new FastPlan(slotCount, inputSlots, latchSlots, latchInit, constSlot, ops,
            [.. groupOps], [.. groupStarts], outputSlots, outputFlips, gates);
    }

    private static int Bucket(int level, FastOp op) => level * 5 + (int)op;

    private static FastOp OpOf(NodeKind kind, int a, int b)
    {
        if (kind == NodeKind.Xor)
            return FastOp.Xor; // XOR fanins are never inverted (builder invariant, checked by the verifier)
        return (Lit.IsInverted(a), Lit.IsInverted(b)) switch
        {
            (false, false) => FastOp.And,
            (false, true) => FastOp.AndNotB,
            (true, false) => FastOp.AndNotA,
            _ => FastOp.Nor,
        };
    }
}
