using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>
/// Marks the nodes the outputs depend on (through latches too), so that emitters write only logic
/// that drives something: no unused wires for tools to warn about.
/// </summary>
public static class LiveNodes
{
    /// <param name="netlist">The netlist.</param>
    /// <param name="everyLatch">Also every latch, read or not (a C model that updates its whole
    /// state, as the Verilog does, needs each latch's next state, though no output may read it).</param>
    public static bool[] Mark(Netlist netlist, bool everyLatch = false)
    {
        var live = new bool[netlist.NodeCount];
        var stack = new Stack<int>();
        foreach (var lit in netlist.OutputLiterals())
            Push(Lit.Node(lit));
        if (everyLatch)
            foreach (var latch in netlist.Latches)
                Push(latch);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (netlist.Kind(node))
            {
                case NodeKind.And:
                case NodeKind.Xor:
                    Push(Lit.Node(netlist.F0(node)));
                    Push(Lit.Node(netlist.F1(node)));
                    break;
                case NodeKind.Latch:
                    Push(Lit.Node(netlist.F0(node)));
                    break;
            }
        }
        return live;

        void Push(int node)
        {
            if (node != 0 && !live[node])
            {
                live[node] = true;
                stack.Push(node);
            }
        }
    }
}
