using GateForge.Emitters.Text;
using GateForge.Ir;

namespace GateForge.Emitters.Verilog;

/// <summary>
/// Writes a netlist as one flat Verilog-2005 module: the header (ports, LATENCY) from the template
/// <c>module.v.liquid</c>, then the gate body streamed node by node: one <c>wire nK; assign nK = ...;</c>
/// per live gate (AND as <c>&amp;</c> with <c>~</c> on inverted fanins, XOR as <c>^</c>), one
/// <c>reg nK;</c> per latch, the output assigns, and the latches' next states in
/// <c>always @(posedge clk)</c> blocks: data registers without reset in one block, registers with a
/// reset value in a second block with synchronous active-high <c>rst</c>.
/// </summary>
public sealed class VerilogModuleWriter
{
    private readonly Netlist _netlist;
    private readonly string _module;
    private readonly string[] _inputNames;
    private readonly int[] _inputNode;
    private readonly int? _latency;
    private readonly string _description;

    public VerilogModuleWriter(Netlist netlist, string module, int? latency, string description)
    {
        _netlist = netlist;
        _module = module;
        _latency = latency;
        _description = description;
        _inputNames = new string[netlist.InputCount];
        _inputNode = new int[netlist.NodeCount];
        Array.Fill(_inputNode, -1);
        var k = 0;
        foreach (var bus in netlist.InputBuses)
        {
            for (var i = 0; i < bus.Width; i++)
            {
                _inputNames[k] = IsScalar(bus) ? bus.Name : $"{bus.Name}[{i}]";
                _inputNode[Lit.Node(bus.Bits[i])] = k;
                k++;
            }
        }
    }

    /// <summary>Buses named in_valid / in_last / out_valid are scalar ports; every other bus is a vector <c>[W-1:0]</c>.</summary>
    public static bool IsScalar(Bus bus) => bus.Name is DesignShape.InValid or DesignShape.OutValid or Names.Buses.InLast;

    /// <summary>Port declarations in contract order: clk, rst (sequential only), inputs, outputs.</summary>
    public static List<PortModel> Ports(Netlist netlist)
    {
        var ports = new List<PortModel>();
        if (netlist.LatchCount > 0)
        {
            ports.Add(new PortModel("clk", 1, "input wire clk"));
            ports.Add(new PortModel("rst", 1, "input wire rst"));
        }
        foreach (var bus in netlist.InputBuses)
            ports.Add(new PortModel(bus.Name, bus.Width, $"input wire {Range(bus)}{bus.Name}"));
        foreach (var bus in netlist.OutputBuses)
            ports.Add(new PortModel(bus.Name, bus.Width, $"output wire {Range(bus)}{bus.Name}"));
        return ports;
    }

    private static string Range(Bus bus) => IsScalar(bus) ? "" : $"[{bus.Width - 1}:0] ";

    public void Write(string path, TemplateSet templates)
    {
        var header = templates.Render("module.v.liquid", new Dictionary<string, object>
        {
            ["module"] = _module,
            ["description"] = _description,
            ["ports"] = Ports(_netlist),
            ["has_latency"] = _latency.HasValue,
            ["latency"] = _latency ?? 0,
        });
        using var w = new CodeWriter(path);
        w.Write(header);
        WriteBody(w);
        w.Line("endmodule");
    }

    private void WriteBody(CodeWriter w)
    {
        var live = LiveNodes.Mark(_netlist);
        var kinds = _netlist.Kinds;
        var f0 = _netlist.Fanin0;
        var f1 = _netlist.Fanin1;
        for (var node = 1; node < kinds.Length; node++)
        {
            if (!live[node])
                continue;
            switch (kinds[node])
            {
                case NodeKind.Latch:
                    w.Write("  reg n").Write(node).Line(";");
                    break;
                case NodeKind.And:
                case NodeKind.Xor:
                    w.Write("  wire n").Write(node).Write("; assign n").Write(node).Write(" = ");
                    Ref(w, f0[node]);
                    w.Write(kinds[node] == NodeKind.And ? " & " : " ^ ");
                    Ref(w, f1[node]);
                    w.Line(";");
                    break;
            }
        }
        foreach (var bus in _netlist.OutputBuses)
        {
            for (var i = 0; i < bus.Width; i++)
            {
                w.Write("  assign ").Write(bus.Name);
                if (!IsScalar(bus))
                    w.Write('[').Write(i).Write(']');
                w.Write(" = ");
                Ref(w, bus.Bits[i]);
                w.Line(";");
            }
        }
        WriteRegisters(w, live, LatchInit.None);
        WriteRegisters(w, live, -1);
    }

    /// <summary>init = LatchInit.None: the data registers; otherwise the registers with a reset value.</summary>
    private void WriteRegisters(CodeWriter w, bool[] live, int init)
    {
        var latches = new List<int>();
        foreach (var l in _netlist.Latches)
            if (live[l] && (_netlist.F1(l) == LatchInit.None) == (init == LatchInit.None))
                latches.Add(l);
        if (latches.Count == 0)
            return;
        w.Line("  always @(posedge clk) begin");
        if (init == LatchInit.None)
        {
            foreach (var l in latches)
                NonBlocking(w, "    ", l, _netlist.F0(l));
        }
        else
        {
            w.Line("    if (rst) begin");
            foreach (var l in latches)
                NonBlocking(w, "      ", l, _netlist.F1(l) == LatchInit.One ? Lit.True : Lit.False);
            w.Line("    end else begin");
            foreach (var l in latches)
                NonBlocking(w, "      ", l, _netlist.F0(l));
            w.Line("    end");
        }
        w.Line("  end");
    }

    private void NonBlocking(CodeWriter w, string indent, int latch, int value)
    {
        w.Write(indent).Write('n').Write(latch).Write(" <= ");
        Ref(w, value);
        w.Line(";");
    }

    private void Ref(CodeWriter w, int lit)
    {
        if (lit == Lit.False)
        {
            w.Write("1'b0");
            return;
        }
        if (lit == Lit.True)
        {
            w.Write("1'b1");
            return;
        }
        if (Lit.IsInverted(lit))
            w.Write('~');
        var node = Lit.Node(lit);
        var input = _inputNode[node];
        if (input >= 0)
            w.Write(_inputNames[input]);
        else
            w.Write('n').Write(node);
    }
}
