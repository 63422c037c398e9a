using GateForge.Ir.Tools;

namespace GateForge.Ir.Tests;

/// <summary>The tool modules' flags written as one shell command line (the emitted Makefile's variables), read back by the shell.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public void Plain_arguments_stay_and_the_rest_is_quoted_so_that_sh_reads_the_same_arguments()
    {
        string[] args = ["--binary", "-fno-dfg", "-MAKEFLAGS", "OPT_FAST=-O0 OPT_SLOW=-O0", "a\"b", "$HOME", "back`tick", "x\\y", ""];
        var line = CommandLine.Join(args);
        Assert.StartsWith("--binary -fno-dfg -MAKEFLAGS \"OPT_FAST=-O0 OPT_SLOW=-O0\" ", line, StringComparison.Ordinal);
        // sh prints each argument it parsed on its own line
        var r = ExternalTool.Run("sh", ["-c", "for a in " + line + "; do printf '%s\\n' \"$a\"; done"], timeout: TimeSpan.FromSeconds(30));
        Assert.True(r.Ok, r.Output);
        Assert.Equal(args.Where(a => a.Length > 0), r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("\"\"", CommandLine.Quote(""));
    }

    [Fact]
    public void The_makefile_flags_are_the_harness_flags()
    {
        Assert.Equal("--binary -fno-dfg -fno-const-bit-op-tree -MAKEFLAGS \"OPT_FAST=-O0 OPT_SLOW=-O0 OPT_GLOBAL=-O0\"",
            CommandLine.Join(Verilator.BinaryFlags()));
        Assert.Equal("cec a.aig b.aig", Abc.CecCommand("a.aig", "b.aig"));
    }
}
