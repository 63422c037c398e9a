using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

/// <summary>The harness's AXI4-Stream check: the wrapper through its emitted bench in Icarus, reported like the other artifacts.</summary>
public sealed class AxiStreamCheckTests
{
    private const string Name = "tiny_axis.v vs netlist.orig.json (Icarus Verilog, AXI4-Stream)";

    [Fact]
    public void The_wrapper_of_a_good_design_passes()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, axi: true);
        var (report, check) = VerifyWrapper(dir.Path, CheckStatus.Pass);
        Assert.True(report.Passed, string.Join("\n", report.Checks));
        Assert.Contains("120 vectors equal (PASS 120/120)", check.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrapper_that_ignores_back_pressure_fails_naming_the_wrapper()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, axi: true);
        var path = Path.Combine(dir.Path, "tiny_axis.v");
        var text = File.ReadAllText(path);
        const string Line = "assign s_axis_tready = ~in_flight[AW];";
        Assert.Contains(Line, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(Line, "assign s_axis_tready = 1'b1;", StringComparison.Ordinal));

        var (report, failed) = VerifyWrapper(dir.Path, CheckStatus.Fail);
        Assert.Equal(failed, Assert.Single(report.Checks, c => c.Status == CheckStatus.Fail));
        Assert.StartsWith("tiny_axis.v", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_its_bench_the_check_is_skipped_and_says_why()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, axi: true);
        File.Delete(Path.Combine(dir.Path, "tiny_axis_tb.v"));
        var (_, check) = VerifyWrapper(dir.Path, CheckStatus.Skipped);
        Assert.Contains("tiny_axis_tb.v", check.Detail, StringComparison.Ordinal);
    }

    /// <summary>Verifies the folder (Icarus on) and returns the report with the wrapper's check, which has <paramref name="status"/> and names the wrapper.</summary>
    private static (EquivalenceReport Report, CheckResult Check) VerifyWrapper(string folder, CheckStatus status)
    {
        var report = EquivalenceHarness.Verify(folder, HarnessFixture.Options(icarus: true));
        var check = Assert.Single(report.Checks, c => c.Name == Name);
        Assert.True(check.Status == status, $"{check.Name}: {check.Status} {check.Detail}");
        Assert.Equal("tiny_axis.v", check.Artifact);
        return (report, check);
    }
}
