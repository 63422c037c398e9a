using GateForge.Emitters.Text;
using GateForge.Ir.Tools;

namespace GateForge.Emitters.Scripts;

/// <summary>The synthesis and simulation scripts: <c>yosys.ys</c>, <c>vivado.tcl</c> and the <c>Makefile</c>.</summary>
public static class ScriptEmitter
{
    /// <summary>Clock period (ns) vivado.tcl constrains a clocked top with, for its timing report.</summary>
    public const int VivadoClockNs = 10;

    /// <param name="pipeModule">The pipelined top's module name, or null when none is emitted.</param>
    /// <param name="axisTestBench">The AXI4-Stream wrapper's test bench <c>&lt;d&gt;_axis_tb.v</c> is emitted (the Makefile gets <c>sim-axis</c>).</param>
    /// <param name="verilogSources">Every Verilog design file emitted (not the test benches), in order.</param>
    public static (string Yosys, string Vivado, string Makefile) Render(TemplateSet templates, string design,
        string? pipeModule, bool testBench, bool axisTestBench, bool aiger, string part, IReadOnlyList<string> verilogSources)
    {
        var sources = verilogSources.Select(s => new SourceFileModel(s)).ToList();
        var variables = new Dictionary<string, object>
        {
            ["design"] = design,
            ["pipe"] = pipeModule ?? "",
            ["has_pipe"] = pipeModule is not null,
            ["xilinx_top"] = pipeModule ?? design,
            ["tb"] = testBench,
            ["pipe_tb"] = testBench && pipeModule is not null,
            ["aiger"] = aiger,
            ["part"] = part,
            ["top"] = pipeModule ?? design,
            ["sources"] = sources,
            ["clock_ns"] = VivadoClockNs,
            ["axis_tb"] = axisTestBench && pipeModule is not null,
            // The tool flags and commands come from the tool modules the harness runs (Netlist/Tools), not retyped here.
            ["verilator_safety"] = string.Join(' ', VerilatorFlags.Safety),
            ["verilator_flags"] = CommandLine.Join(Verilator.BinaryFlags()),
            ["iverilog_flags"] = CommandLine.Join(Icarus.LanguageFlags),
            ["verilog_to_aiger"] = string.Join("; ", Yosys.VerilogToAigerCommands([design + ".v"], design, design + "_from_v.aig")),
            ["cec"] = Abc.CecCommand(design + ".aig", design + "_from_v.aig"),
            ["equivalent"] = Abc.EquivalentVerdict,
            ["lut_map"] = Yosys.FastLutMap(6),
        };
        return (templates.Render("yosys.ys.liquid", variables),
            templates.Render("vivado.tcl.liquid", variables),
            templates.Render("Makefile.liquid", variables));
    }
}
