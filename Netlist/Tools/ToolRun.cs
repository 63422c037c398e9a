namespace GateForge.Ir.Tools;

/// <summary>The outcome of a tool step: passed, failed (with the reason) or skipped (tool not installed).</summary>
public sealed record ToolRun(CheckStatus Status, string Detail, ToolResult? Result = null)
{
    public bool Ok => Status == CheckStatus.Pass;

    public static ToolRun NotInstalled(string tool) => new(CheckStatus.Skipped, $"skipped: {tool} not installed");

    /// <summary>A tool step: pass when the tool exited 0 in time, else fail with the reason.</summary>
    public static ToolRun From(ToolResult r, string what) =>
        r.TimedOut ? new(CheckStatus.Fail, $"{what}: {r.Tool} timed out after {r.Elapsed.TotalSeconds:F0} s", r)
        : r.Ok ? new(CheckStatus.Pass, $"{what}: ok", r)
        : new(CheckStatus.Fail, $"{what}: {r.Tool} exited with {r.ExitCode}: {r.Tail()}", r);
}
