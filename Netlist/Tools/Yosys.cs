namespace GateForge.Ir.Tools;

/// <summary>Yosys with a script file.</summary>
public static class Yosys
{
    public static bool Installed => ExternalTool.IsInstalled("yosys");

    public static ToolRun Run(string workDir, string script, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (!Installed)
            return ToolRun.NotInstalled("yosys");
        File.WriteAllText(Path.Combine(workDir, "gateforge_verify.ys"), script);
        return ToolRun.From(ExternalTool.Run("yosys", ["-q", "-s", "gateforge_verify.ys"], workDir, timeout, cancellation), "yosys");
    }

    /// <summary>The Verilog → AIGER flow of docs/TOOLS.md, for an equivalence check against an AIGER file.</summary>
    public static ToolRun VerilogToAiger(string workDir, IEnumerable<string> verilogFiles, string top, string aigerOut,
        TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        Run(workDir, string.Join("\n", VerilogToAigerCommands(verilogFiles, top, aigerOut)) + "\n", timeout, cancellation);

    /// <summary>The commands of <see cref="VerilogToAiger"/> (the emitted Makefile's <c>equiv</c> target runs the same, joined by <c>; </c>).</summary>
    public static IReadOnlyList<string> VerilogToAigerCommands(IEnumerable<string> verilogFiles, string top, string aigerOut) =>
        [.. verilogFiles.Select(f => $"read_verilog {f}"), $"hierarchy -top {top}", "flatten", "proc", "techmap", "opt_clean", "aigmap",
            $"write_aiger -zinit -symbols {aigerOut}"];

    /// <summary>Yosys's fast K-input LUT mapping (ABC's default LUT script starts with <c>&amp;fraig -x</c>, which does not finish on large flat netlists): synthesis and the emitted yosys.ys.</summary>
    public static string FastLutMap(int k) => $"abc -fast -lut {k.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
