using System.Text.RegularExpressions;

namespace GateForge.Ir.Tools;

/// <summary>
/// Berkeley ABC, the one place that finds it (<c>berkeley-abc</c>, else Yosys's copy <c>yosys-abc</c>)
/// and reads its equivalence verdicts: <see cref="Cec"/> (combinational) and <see cref="Dsec"/>
/// (sequential), both a <see cref="ToolRun"/>. The <c>abc</c> pass, the harness and synthesis use it.
/// </summary>
public static partial class Abc
{
    /// <summary>The installed ABC executable, or null.</summary>
    public static string? Tool => ExternalTool.IsInstalled("berkeley-abc") ? "berkeley-abc" : ExternalTool.IsInstalled("yosys-abc") ? "yosys-abc" : null;

    /// <summary>The executable to run: the installed one, else the name messages give.</summary>
    public static string Executable => Tool ?? "berkeley-abc";

    /// <summary>Runs an ABC command line (<c>-c</c>) in <paramref name="workDir"/>.</summary>
    public static ToolResult Run(string executable, string commands, string workDir, TimeSpan? timeout = null, CancellationToken cancellation = default) =>
        ExternalTool.Run(executable, ["-c", commands], workDir, timeout, cancellation);

    /// <summary>
    /// <c>cec</c> of two AIGER files: inputs and outputs matched by name (both need symbol tables),
    /// or by position with <paramref name="byOrder"/> (<c>cec -n</c>). Pass only when ABC says the
    /// networks are equivalent; a failure's detail is ABC's verdict.
    /// </summary>
    public static ToolRun Cec(string workDir, string aigA, string aigB, TimeSpan? timeout = null, CancellationToken cancellation = default,
        bool byOrder = false, string? executable = null) =>
        Prove("cec", CecCommand(aigA, aigB, byOrder), workDir, timeout, cancellation, executable);

    /// <summary>The ABC command line of <see cref="Cec"/> (the emitted Makefile's <c>equiv</c> target runs the same).</summary>
    public static string CecCommand(string aigA, string aigB, bool byOrder = false) =>
        byOrder ? $"cec -n {aigA} {aigB}" : $"cec {aigA} {aigB}";

    /// <summary>What ABC prints when <c>cec</c> or <c>dsec</c> proves two networks equal (<see cref="Verdict"/>'s pass rule; the Makefile greps for it).</summary>
    public const string EquivalentVerdict = "Networks are equivalent";

    /// <summary>
    /// <c>dsec</c> of two sequential AIGER files (latches start at their reset values): sequential
    /// equivalence of the outputs, inputs and outputs matched by position. Same verdict rules and
    /// result type as <see cref="Cec"/>.
    /// </summary>
    public static ToolRun Dsec(string workDir, string aigA, string aigB, TimeSpan? timeout = null, CancellationToken cancellation = default,
        string? executable = null) =>
        Prove("dsec", $"dsec {aigA} {aigB}", workDir, timeout, cancellation, executable);

    private static ToolRun Prove(string what, string command, string workDir, TimeSpan? timeout, CancellationToken cancellation, string? executable)
    {
        var abc = executable ?? Tool;
        if (abc is null || !ExternalTool.IsInstalled(abc))
            return ToolRun.NotInstalled("berkeley-abc");
        return Verdict(what, Run(abc, command, workDir, timeout, cancellation));
    }

    /// <summary>ABC's verdict on an equivalence command (<c>cec</c>, <c>dsec</c>): the one rule every caller uses.</summary>
    public static ToolRun Verdict(string what, ToolResult r)
    {
        if (r.TimedOut)
            return new ToolRun(CheckStatus.Fail, $"abc {what} timed out after {r.Elapsed.TotalSeconds:F0} s", r);
        var text = r.Output;
        if (NotEquivalent().IsMatch(text))
            return new ToolRun(CheckStatus.Fail, $"abc {what}: " + string.Join(" | ",
                text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.StartsWith("ABC command line", StringComparison.Ordinal)).Take(4)), r);
        if (r.Ok && Equivalent().IsMatch(text))
            return new ToolRun(CheckStatus.Pass, $"abc {what}: networks are equivalent", r);
        return new ToolRun(CheckStatus.Fail, $"abc {what} gave no verdict (exit {r.ExitCode}): {r.Tail()}", r);
    }

    /// <summary>
    /// ABC's LUT mapper on an AIGER file: <c>read; strash; if -K k; print_stats</c>. Returns the run
    /// and, when ABC printed its statistics, the LUT (<c>nd</c>) and latch (<c>lat</c>) counts.
    /// </summary>
    public static (ToolResult Result, long? Luts, long? Latches) LutMap(string executable, string aigPath, int k, string workDir,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var quoted = "\"" + aigPath.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        var result = Run(executable, $"read {quoted}; strash; if -K {k.ToString(System.Globalization.CultureInfo.InvariantCulture)}; print_stats",
            workDir, timeout, cancellation);
        var match = LutStats().Match(result.Stdout);
        if (!result.Ok || !match.Success)
            return (result, null, null);
        return (result, long.Parse(match.Groups["nd"].Value, System.Globalization.CultureInfo.InvariantCulture),
            long.Parse(match.Groups["lat"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    // "top : i/o =  784/ 44  lat =    0  nd =  1234  edge = ..."
    [GeneratedRegex(@"lat\s*=\s*(?<lat>\d+)\s+nd\s*=\s*(?<nd>\d+)")]
    private static partial Regex LutStats();

    [GeneratedRegex("NOT EQUIVALENT|are not equivalent|Output .* is not equivalent|different number", RegexOptions.IgnoreCase)]
    private static partial Regex NotEquivalent();

    // cec: "Networks are equivalent."; dsec: "Networks are equivalent.  Time = ..."
    [GeneratedRegex(EquivalentVerdict)]
    private static partial Regex Equivalent();
}
