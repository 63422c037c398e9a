using System.Text.RegularExpressions;
using GateForge.Ir.Tools;

namespace GateForge.Sim.Tools;

/// <summary>The outcome of a tool step: passed, failed (with the reason) or skipped (tool not installed).</summary>
public sealed record ToolRun(CheckStatus Status, string Detail, ToolResult? Result = null)
{
    public bool Ok => Status == CheckStatus.Pass;

    public static ToolRun NotInstalled(string tool) => new(CheckStatus.Skipped, $"skipped: {tool} not installed");

    internal static ToolRun From(ToolResult r, string what) =>
        r.TimedOut ? new(CheckStatus.Fail, $"{what}: {r.Tool} timed out after {r.Elapsed.TotalSeconds:F0} s", r)
        : r.Ok ? new(CheckStatus.Pass, $"{what}: ok", r)
        : new(CheckStatus.Fail, $"{what}: {r.Tool} exited with {r.ExitCode}: {r.Tail()}", r);
}

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

/// <summary>Icarus Verilog: <c>iverilog -g2005</c> then <c>vvp -n</c>.</summary>
public static class Icarus
{
    public static bool Installed => ExternalTool.IsInstalled("iverilog") && ExternalTool.IsInstalled("vvp");

    /// <summary>Compiles <paramref name="files"/> with <paramref name="top"/> as the root and runs it; the run's output is in the result.</summary>
    public static ToolRun Run(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (!Installed)
            return ToolRun.NotInstalled(ExternalTool.IsInstalled("iverilog") ? "vvp" : "iverilog");
        var args = new List<string> { "-g2005", "-s", top, "-o", "sim.vvp" };
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>())
            args.Add($"-P{top}.{k}={v}");
        args.AddRange(files);
        var build = ToolRun.From(ExternalTool.Run("iverilog", args, workDir, timeout, cancellation), "iverilog");
        if (!build.Ok)
            return build;
        return ToolRun.From(ExternalTool.Run("vvp", ["-n", "sim.vvp"], workDir, timeout, cancellation), "vvp");
    }
}

/// <summary>
/// Verilator, always with <see cref="VerilatorFlags.Safety"/> (two of Verilator 5.006's optimisations
/// miscompile large netlists). Builds the test bench with <c>--binary</c> and runs it.
/// </summary>
public static class Verilator
{
    public static bool Installed => ExternalTool.IsInstalled("verilator");

    /// <param name="optimiseCpp">false compiles the generated C++ at -O0 (much faster builds, slower runs)</param>
    public static ToolRun Run(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        bool optimiseCpp = false, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var build = Build(workDir, files, top, parameters, optimiseCpp, timeout, cancellation);
        if (!build.Ok)
            return build;
        return ToolRun.From(ExternalTool.Run(Path.Combine(workDir, "obj_dir", "V" + top), [], workDir, timeout, cancellation), "run");
    }

    /// <summary>Builds <c>obj_dir/V&lt;top&gt;</c> without running it.</summary>
    public static ToolRun Build(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        bool optimiseCpp = false, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (!Installed)
            return ToolRun.NotInstalled("verilator");
        var args = new List<string> { "--binary", "-Wno-fatal", "--top-module", top, "--Mdir", "obj_dir" };
        args.AddRange(VerilatorFlags.Safety);
        if (!optimiseCpp)
            args.AddRange(VerilatorFlags.FastCppBuild);
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>())
            args.Add($"-G{k}={v}");
        args.AddRange(files);
        return ToolRun.From(ExternalTool.Run("verilator", args, workDir, timeout, cancellation), "verilator build");
    }
}

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

/// <summary>Berkeley ABC (<c>berkeley-abc</c> or <c>yosys-abc</c>): combinational equivalence with <c>cec</c>.</summary>
public static partial class Abc
{
    public static string? Tool => ExternalTool.IsInstalled("berkeley-abc") ? "berkeley-abc" : ExternalTool.IsInstalled("yosys-abc") ? "yosys-abc" : null;

    /// <summary>
    /// <c>cec</c> of two binary AIGER files, matching inputs and outputs by name (both need symbol
    /// tables). Pass when ABC says the networks are equivalent; the failure detail is ABC's verdict.
    /// </summary>
    public static ToolRun Cec(string workDir, string aigA, string aigB, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var abc = Tool;
        if (abc is null)
            return ToolRun.NotInstalled("berkeley-abc");
        var r = ExternalTool.Run(abc, ["-c", $"cec {aigA} {aigB}"], workDir, timeout, cancellation);
        if (r.TimedOut)
            return new ToolRun(CheckStatus.Fail, $"abc cec timed out after {r.Elapsed.TotalSeconds:F0} s", r);
        var text = r.Output;
        if (NotEquivalent().IsMatch(text))
            return new ToolRun(CheckStatus.Fail, "abc cec: " + string.Join(" | ",
                text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.StartsWith("ABC command line", StringComparison.Ordinal)).Take(4)), r);
        if (Equivalent().IsMatch(text))
            return new ToolRun(CheckStatus.Pass, "abc cec: networks are equivalent", r);
        return new ToolRun(CheckStatus.Fail, $"abc cec gave no verdict (exit {r.ExitCode}): {r.Tail()}", r);
    }

    [GeneratedRegex("NOT EQUIVALENT|are not equivalent|Output .* is not equivalent|different number", RegexOptions.IgnoreCase)]
    private static partial Regex NotEquivalent();

    [GeneratedRegex("Networks are equivalent")]
    private static partial Regex Equivalent();
}
