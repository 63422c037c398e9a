using GateForge.Emitters.Text;
using GateForge.Ir.Tools;

namespace GateForge.Emitters.Scripts;

/// <summary>The synthesis and simulation scripts: <c>yosys.ys</c>, <c>vivado.tcl</c> and the <c>Makefile</c>.</summary>
public static class ScriptEmitter
{
    /// <summary>Clock period (ns) vivado.tcl constrains a clocked top with, for its timing report.</summary>
    public const int VivadoClockNs = 10;

    /// <param name="pipeModule">The pipelined top's module name, or null when none is emitted.</param>
    /// <param name="verilogSources">Every Verilog design file emitted (not the test benches), in order.</param>
    public static (string Yosys, string Vivado, string Makefile) Render(TemplateSet templates, string design,
        string? pipeModule, bool testBench, bool aiger, string part, IReadOnlyList<string> verilogSources)
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
            ["verilator_safety"] = string.Join(' ', VerilatorFlags.Safety),
        };
        return (templates.Render("yosys.ys.liquid", variables),
            templates.Render("vivado.tcl.liquid", variables),
            templates.Render("Makefile.liquid", variables));
    }
}
