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
        if (Missing is { } missing)
            return ToolRun.NotInstalled(missing);
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
