using GateForge.Emitters.Text;

namespace GateForge.Emitters.Verilog;

/// <summary>
/// The self-checking test benches of the generated-file contract: <c>&lt;d&gt;_tb</c> for the
/// combinational top (one vector per step) and <c>&lt;d&gt;_pipe_tb</c> for the pipelined top (one
/// vector per clock, results checked exactly LATENCY cycles later), and <c>&lt;d&gt;_axis_tb</c> for
/// the AXI4-Stream wrapper (random back-pressure). All read the same <c>vectors_in.hex</c> /
/// <c>vectors_out.hex</c>.
/// </summary>
public static class TestBenchEmitter
{
    public static string Combinational(TemplateSet templates, DesignShape shape, string module, int vectors) =>
        templates.Render("tb_comb.v.liquid", Variables(shape, module, vectors, latency: 0));

    public static string Pipelined(TemplateSet templates, DesignShape shape, string module, int vectors, int latency) =>
        templates.Render("tb_pipe.v.liquid", Variables(shape, module, vectors, latency));

    /// <summary>
    /// <c>&lt;d&gt;_axis_tb</c>: the AXI4-Stream wrapper <paramref name="module"/> around
    /// <paramref name="pipeModule"/> under seeded random back-pressure (every result once, in order).
    /// </summary>
    public static string AxiStream(TemplateSet templates, DesignShape pipelined, string module, string pipeModule, int vectors)
    {
        var variables = Variables(pipelined, module, vectors, latency: 0);
        variables["pipe"] = pipeModule;
        variables["s_width"] = AxiStreamEmitter.ByteAligned(pipelined.InputBits);
        variables["m_width"] = AxiStreamEmitter.ByteAligned(pipelined.OutputBits);
        return templates.Render("tb_axis.v.liquid", variables);
    }

    private static Dictionary<string, object> Variables(DesignShape shape, string module, int vectors, int latency)
    {
        var signals = new List<PortModel>();
        foreach (var bus in shape.DataInputs)
            signals.Add(new PortModel(bus.Name, bus.Width, $"reg [{bus.Width - 1}:0] {bus.Name}"));
        foreach (var bus in shape.DataOutputs)
            signals.Add(new PortModel(bus.Name, bus.Width, $"wire [{bus.Width - 1}:0] {bus.Name}"));
        return new Dictionary<string, object>
        {
            ["module"] = module,
            ["tb"] = module + "_tb",
            ["nvec"] = vectors,
            ["in_width"] = shape.InputBits,
            ["out_width"] = shape.OutputBits,
            ["in_concat"] = DesignShape.Concat(shape.DataInputs),
            ["out_concat"] = DesignShape.Concat(shape.DataOutputs),
            ["signals"] = signals,
            ["latency"] = latency,
        };
    }
}
