namespace GateForge.Ir.Tools;

/// <summary>The system C compiler (<c>cc</c>, else <c>gcc</c>).</summary>
public static class CCompiler
{
    public static string? Tool => ExternalTool.IsInstalled("cc") ? "cc" : ExternalTool.IsInstalled("gcc") ? "gcc" : null;

    /// <summary>Compiles and links <paramref name="sources"/> into <paramref name="output"/> (C99, -O1 unless flags say otherwise).</summary>
    public static ToolRun Compile(string workDir, IEnumerable<string> sources, string output, IEnumerable<string>? flags = null,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var cc = Tool;
        if (cc is null)
            return ToolRun.NotInstalled("cc");
        var args = new List<string> { "-std=c99" };
        args.AddRange(flags ?? ["-O1"]);
        args.AddRange(sources);
        args.AddRange(["-o", output]);
        return ToolRun.From(ExternalTool.Run(cc, args, workDir, timeout, cancellation), "compile");
    }
}
