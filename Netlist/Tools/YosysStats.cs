using System.Text.Json;

namespace GateForge.Ir.Tools;

/// <summary>
/// The figures of a Yosys <c>stat -json</c> file (the <c>design</c> totals), the one parser of
/// them (the emitted scripts' statistics and <c>gateforge synth</c>): cells by type, LUTs (<c>$lut</c>,
/// Xilinx <c>LUT1</c>..<c>LUT6</c>, iCE40 <c>SB_LUT4</c>), flip-flops (every cell with <c>dff</c> in
/// its name: Yosys <c>$dff</c>, <c>$_SDFF_PP0_</c>, iCE40 <c>SB_DFF*</c>; Xilinx <c>FD*</c>), wires.
/// </summary>
public sealed record YosysStats(int Cells, int Luts, int FlipFlops, int Wires, IReadOnlyDictionary<string, int> CellsByType)
{
    /// <summary>Parses the JSON text; throws <see cref="FormatException"/> with a one-line reason when it is not Yosys stat output.</summary>
    public static YosysStats Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Yosys statistics are not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("design", out var design)
                || design.ValueKind != JsonValueKind.Object)
                throw new FormatException("Yosys statistics have no \"design\" object (was it written by stat -json?)");
            var byType = new SortedDictionary<string, int>(StringComparer.Ordinal);
            if (design.TryGetProperty("num_cells_by_type", out var types) && types.ValueKind == JsonValueKind.Object)
                foreach (var t in types.EnumerateObject())
                    byType[t.Name] = t.Value.ValueKind == JsonValueKind.Number && t.Value.TryGetInt32(out var n) ? n : throw new FormatException($"Yosys statistics: count of {t.Name} is not an integer");
            var luts = byType.Where(p => IsLut(p.Key)).Sum(p => p.Value);
            var ffs = byType.Where(p => IsFlipFlop(p.Key)).Sum(p => p.Value);
            return new YosysStats(Int(design, "num_cells"), luts, ffs, Int(design, "num_wires"), byType);
        }
    }

    public static YosysStats Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static bool IsLut(string cell) =>
        cell is "$lut" or "SB_LUT4" || (cell.Length == 4 && cell.StartsWith("LUT", StringComparison.Ordinal) && cell[3] is >= '1' and <= '6');

    private static bool IsFlipFlop(string cell) =>
        cell.Contains("dff", StringComparison.OrdinalIgnoreCase) || cell.StartsWith("FD", StringComparison.Ordinal);

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) ? n : 0;
}
