namespace GateForge.Ir.Tools;

/// <summary>
/// The Verilator options every GateForge build of emitted Verilog uses (the harness, the Makefile,
/// the tests and the benchmarks). Verilator 5.006 (Debian 12) computes wrong results for large
/// XOR/AND netlists in two of its optimisations:
/// <list type="bullet">
/// <item><c>-fno-dfg</c>: the DFG optimiser (shared/TOOLS.md; seen here on designs of a few thousand gates);</item>
/// <item><c>-fno-const-bit-op-tree</c>: V3Const's bit-op-tree rewrite (Verilator issue #4059, fixed
/// after 5.008). Found on a random 47,284-gate network: two score bits wrong while Icarus passed and
/// ABC <c>cec</c> proved the Verilog (through Yosys) equal to the AIGER.</item>
/// </list>
/// Both only cost Verilator some speed on code that is already flat.
/// </summary>
public static class VerilatorFlags
{
    public static IReadOnlyList<string> Safety { get; } = ["-fno-dfg", "-fno-const-bit-op-tree"];

    /// <summary>Compiles the generated C++ at -O0: builds of big flat designs take minutes otherwise.</summary>
    public static IReadOnlyList<string> FastCppBuild { get; } = ["-MAKEFLAGS", "OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0"];
}
