namespace GateForge.Ir.Tools;

/// <summary>Icarus Verilog: <c>iverilog -g2005</c> then <c>vvp -n</c>.</summary>
public static class Icarus
{
    /// <summary>The language flag every GateForge compile of emitted Verilog uses (the harness, the emitted Makefile, the tests).</summary>
    public static IReadOnlyList<string> LanguageFlags { get; } = ["-g2005"];

    public static bool Installed => ExternalTool.IsInstalled("iverilog") && ExternalTool.IsInstalled("vvp");

    /// <summary>Compiles <paramref name="files"/> with <paramref name="top"/> as the root and runs it; the run's output is in the result.</summary>
    /// <param name="extraFlags">more compile flags (the tests add <c>-Wall</c>)</param>
    public static ToolRun Run(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        TimeSpan? timeout = null, CancellationToken cancellation = default, IEnumerable<string>? extraFlags = null)
    {
        if (!Installed)
            return ToolRun.NotInstalled(ExternalTool.IsInstalled("iverilog") ? "vvp" : "iverilog");
        var args = new List<string>(LanguageFlags) { "-s", top, "-o", "sim.vvp" };
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>())
            args.Add($"-P{top}.{k}={v}");
        args.AddRange(extraFlags ?? []);
        args.AddRange(files);
        var build = ToolRun.From(ExternalTool.Run("iverilog", args, workDir, timeout, cancellation), "iverilog");
        if (!build.Ok)
            return build;
        return ToolRun.From(ExternalTool.Run("vvp", ["-n", "sim.vvp"], workDir, timeout, cancellation), "vvp");
    }
}
