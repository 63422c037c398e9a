namespace GateForge.Ir.Tools;

/// <summary>
/// Verilator, always with <see cref="VerilatorFlags.Safety"/> (two of Verilator 5.006's optimisations
/// miscompile large netlists). Builds the test bench with <c>--binary</c> and runs it.
/// </summary>
public static class Verilator
{
    public static bool Installed => Missing is null;

    /// <summary>
    /// The first tool a Verilator build needs that is not on PATH (verilator, then the make and C++
    /// compiler it runs), or null. Without make the build failed, and the check with it, where a
    /// tool missing from PATH is a skip (issue 15).
    /// </summary>
    public static string? Missing =>
        !ExternalTool.IsInstalled("verilator") ? "verilator"
        : !ExternalTool.IsInstalled("make") ? "make (Verilator builds with it)"
        : !ExternalTool.IsInstalled(Environment.GetEnvironmentVariable("CXX") is { Length: > 0 } cxx ? cxx : "g++") ? "g++ (Verilator builds with it)"
        : null;

    /// <param name="optimiseCpp">false compiles the generated C++ at -O0 (much faster builds, slower runs)</param>
    /// <param name="warningsFatal">true keeps Verilator's warnings fatal (the tests: emitted Verilog is warning-clean)</param>
    public static ToolRun Run(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        bool optimiseCpp = false, TimeSpan? timeout = null, CancellationToken cancellation = default, bool warningsFatal = false)
    {
        var build = Build(workDir, files, top, parameters, optimiseCpp, timeout, cancellation, warningsFatal);
        if (!build.Ok)
            return build;
        return ToolRun.From(ExternalTool.Run(Path.Combine(workDir, "obj_dir", "V" + top), [], workDir, timeout, cancellation), "run");
    }

    /// <summary>
    /// The flags of a test-bench build: <c>--binary</c>, <see cref="VerilatorFlags.Safety"/>, and
    /// <see cref="VerilatorFlags.FastCppBuild"/> unless <paramref name="optimiseCpp"/>. The harness
    /// and the emitted Makefile's <c>VERILATOR_FLAGS</c> both come from here.
    /// </summary>
    public static IReadOnlyList<string> BinaryFlags(bool optimiseCpp = false) =>
        ["--binary", .. VerilatorFlags.Safety, .. optimiseCpp ? [] : VerilatorFlags.FastCppBuild];

    /// <summary>Builds <c>obj_dir/V&lt;top&gt;</c> without running it.</summary>
    public static ToolRun Build(string workDir, IEnumerable<string> files, string top, IReadOnlyDictionary<string, string>? parameters = null,
        bool optimiseCpp = false, TimeSpan? timeout = null, CancellationToken cancellation = default, bool warningsFatal = false)
    {
        if (Missing is { } missing)
            return ToolRun.NotInstalled(missing);
        var args = new List<string>(BinaryFlags(optimiseCpp)) { "--top-module", top, "--Mdir", "obj_dir" };
        if (!warningsFatal)
            args.Add("-Wno-fatal");
        foreach (var (k, v) in parameters ?? new Dictionary<string, string>())
            args.Add($"-G{k}={v}");
        args.AddRange(files);
        return ToolRun.From(ExternalTool.Run("verilator", args, workDir, timeout, cancellation), "verilator build");
    }
}
