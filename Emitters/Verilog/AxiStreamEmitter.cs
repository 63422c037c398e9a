using GateForge.Emitters.Text;

namespace GateForge.Emitters.Verilog;

/// <summary>
/// The AXI4-Stream wrapper <c>&lt;d&gt;_axis</c> around the pipelined top: a credit counter bounds
/// the vectors in flight by the depth of the output FIFO, so back-pressure never loses or repeats
/// a result even though the pipeline itself cannot stall.
/// </summary>
public static class AxiStreamEmitter
{
    public static string Render(TemplateSet templates, DesignShape pipelined, string module, string pipeModule, int latency)
    {
        // DEPTH is a power of two (so the credit test is one bit) and at least LATENCY + 1 for full rate.
        var aw = 1;
        while ((1 << aw) < latency + 1)
            aw++;
        var inputs = new List<PortModel>();
        var offset = 0;
        foreach (var bus in pipelined.DataInputs)
        {
            inputs.Add(new PortModel(bus.Name, bus.Width, $"s_axis_tdata[{offset + bus.Width - 1}:{offset}]"));
            offset += bus.Width;
        }
        var outputs = new List<PortModel>();
        offset = 0;
        foreach (var bus in pipelined.DataOutputs)
        {
            outputs.Add(new PortModel(bus.Name, bus.Width, $"pipe_data[{offset + bus.Width - 1}:{offset}]"));
            offset += bus.Width;
        }
        return templates.Render("axis.v.liquid", new Dictionary<string, object>
        {
            ["module"] = module,
            ["pipe"] = pipeModule,
            ["latency"] = latency,
            ["depth"] = 1 << aw,
            ["aw"] = aw,
            ["s_width"] = ByteAligned(pipelined.InputBits),
            ["m_width"] = ByteAligned(pipelined.OutputBits),
            ["out_width"] = pipelined.OutputBits,
            ["out_concat"] = DesignShape.Concat(pipelined.DataOutputs),
            ["inputs"] = inputs,
            ["outputs"] = outputs,
        });
    }

    /// <summary>AXI4-Stream TDATA is a whole number of bytes.</summary>
    public static int ByteAligned(int bits) => Math.Max(8, (bits + 7) / 8 * 8);
}
