using GateForge.Ir.Tools;

namespace GateForge.Emitters.Tests;

/// <summary>
/// The tests' tool steps, through the tool modules GateForge itself uses (Netlist/Tools: finding,
/// flags, running, verdicts); each fails the test with the tool's output when it does not succeed.
/// </summary>
internal static class Tools
{
    // Verilator builds the 47k-gate test network in about 80 s alone, past 3 minutes on a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    /// <summary>A command that is not a GateForge tool step (make, a compiled driver, a lint run).</summary>
    public static ToolResult Run(string dir, string tool, params string[] args)
    {
        var r = ExternalTool.Run(tool, args, dir, Timeout);
        Assert.True(r.Ok, $"{tool} {string.Join(' ', args)} failed ({r.ExitCode}): {r.Output}");
        return r;
    }

    /// <summary>The design's own test bench in Icarus Verilog (<see cref="Ir.Tools.Icarus"/>, with <c>-Wall</c>); returns its output.</summary>
    public static string Icarus(string dir, string top, params string[] sources) =>
        Passed(Ir.Tools.Icarus.Run(dir, sources, top, timeout: Timeout, extraFlags: ["-Wall"]));

    /// <summary>The same in Verilator 5 (<see cref="Ir.Tools.Verilator"/>: its safety flags; warnings stay fatal).</summary>
    public static string Verilator(string dir, string top, params string[] sources) =>
        Passed(Ir.Tools.Verilator.Run(dir, sources, top, timeout: Timeout, warningsFatal: true));

    /// <summary>C99 through <see cref="CCompiler"/> with warnings as errors.</summary>
    public static void CompileC(string dir, string output, params string[] sources) =>
        Passed(CCompiler.Compile(dir, sources, output, ["-Wall", "-Wextra", "-Werror", "-pedantic", "-O1"], Timeout));

    /// <summary>ABC <c>cec</c> of an AIGER file against Verilog read through Yosys (<see cref="Yosys.VerilogToAiger"/>, <see cref="Abc.Cec"/>).</summary>
    public static ToolRun CecAgainstVerilog(string dir, string aiger, string verilog, string top)
    {
        Passed(Yosys.VerilogToAiger(dir, [verilog], top, "from_v.aig", Timeout));
        var cec = Abc.Cec(dir, aiger, "from_v.aig", Timeout);
        Assert.NotEqual(CheckStatus.Skipped, cec.Status);
        return cec;
    }

    private static string Passed(ToolRun run)
    {
        Assert.True(run.Ok, $"{run.Detail}\n{run.Result?.Output}");
        return run.Result?.Stdout ?? "";
    }
}
