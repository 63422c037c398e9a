using GateForge.Emitters.Text;

namespace GateForge.Emitters.Verilog;

/// <summary>
/// The encoder top <c>&lt;d&gt;_enc</c>: 8-bit features → thermometer-code comparators → the
/// combinational core <c>&lt;d&gt;</c>. Input bit order: feature 0's thresholds first, in the order given.
/// </summary>
public static class EncoderEmitter
{
    public static string Render(TemplateSet templates, DesignShape shape, string module, string coreModule, IReadOnlyList<int[]> thresholds)
    {
        var bus = shape.DataInputs[0];
        var comparators = new List<ComparatorModel>();
        for (var f = 0; f < thresholds.Count; f++)
            foreach (var t in thresholds[f])
                comparators.Add(new ComparatorModel(comparators.Count, f, t));
        var outputs = shape.DataOutputs
            .Select(b => new PortModel(b.Name, b.Width, $"output wire [{b.Width - 1}:0] {b.Name}"))
            .ToList();
        return templates.Render("encoder.v.liquid", new Dictionary<string, object>
        {
            ["module"] = module,
            ["core"] = coreModule,
            ["features"] = thresholds.Count,
            ["bits"] = comparators.Count,
            ["bus"] = bus.Name,
            ["comparators"] = comparators,
            ["outputs"] = outputs,
        });
    }
}
