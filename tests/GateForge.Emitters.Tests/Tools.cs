using GateForge.Ir.Tools;

namespace GateForge.Emitters.Tests;

/// <summary>Runs an installed tool in a folder and fails the test with its output when it does not succeed.</summary>
internal static class Tools
{
    public static ToolResult Run(string dir, string tool, params string[] args)
    {
        var r = ExternalTool.Run(tool, args, dir, TimeSpan.FromMinutes(3));
        Assert.True(r.Ok, $"{tool} {string.Join(' ', args)} failed ({r.ExitCode}): {r.Output}");
        return r;
    }

    /// <summary>The design's own test bench in Icarus Verilog; returns its output.</summary>
    public static string Icarus(string dir, string top, params string[] sources)
    {
        Run(dir, "iverilog", ["-g2005", "-Wall", "-o", top + ".vvp", "-s", top, .. sources]);
        return Run(dir, "vvp", "-n", top + ".vvp").Stdout;
    }

    /// <summary>The same in Verilator 5 (always with <see cref="VerilatorFlags.Safety"/>; warnings stay fatal).</summary>
    public static string Verilator(string dir, string top, params string[] sources)
    {
        Run(dir, "verilator", ["--binary", .. VerilatorFlags.Safety, "--top-module", top, "-Mdir", "obj_" + top,
            .. VerilatorFlags.FastCppBuild, .. sources]);
        return Run(dir, Path.Combine(dir, "obj_" + top, "V" + top)).Stdout;
    }
}
