using GateForge.Ir.Tools;

namespace GateForge.Sim.Tools;

public static partial class Abc
{
    /// <summary>
    /// <c>dsec</c> (inductive sequential equivalence from the initial state) of two binary AIGER
    /// files with latches, matching inputs and outputs by name. Pass only on ABC's "Networks are
    /// equivalent"; a counter-example or an undecided run fails with ABC's words.
    /// </summary>
    public static ToolRun Dsec(string workDir, string aigA, string aigB, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var abc = Tool;
        if (abc is null)
            return ToolRun.NotInstalled("berkeley-abc");
        var r = ExternalTool.Run(abc, ["-c", $"dsec {aigA} {aigB}"], workDir, timeout, cancellation);
        if (r.TimedOut)
            return new ToolRun(CheckStatus.Fail, $"abc dsec timed out after {r.Elapsed.TotalSeconds:F0} s", r);
        var lines = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("ABC command line", StringComparison.Ordinal)).ToArray();
        if (NotEquivalent().IsMatch(r.Output))
            return new ToolRun(CheckStatus.Fail, "abc dsec: " + string.Join(" | ", lines.Take(4)), r);
        if (Equivalent().IsMatch(r.Output))
            return new ToolRun(CheckStatus.Pass, "abc dsec: networks are sequentially equivalent", r);
        return new ToolRun(CheckStatus.Fail, $"abc dsec gave no verdict (exit {r.ExitCode}): {string.Join(" | ", lines.TakeLast(3))}", r);
    }
}
