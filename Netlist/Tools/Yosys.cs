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
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var reads = string.Join("\n", verilogFiles.Select(f => $"read_verilog {f}"));
        return Run(workDir,
            $"{reads}\nhierarchy -top {top}\nflatten\nproc\ntechmap\nopt_clean\naigmap\nwrite_aiger -zinit -symbols {aigerOut}\n",
            timeout, cancellation);
    }
}
