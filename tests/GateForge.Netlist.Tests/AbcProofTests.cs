using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary><see cref="Abc.Cec"/> and <see cref="Abc.Dsec"/> with the installed ABC: one verdict rule, both ways.</summary>
public sealed class AbcProofTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static Netlist Pipelined(Netlist comb, int every) => new PipelinePass(every).Run(comb, new PassContext()).Netlist;

    [Fact]
    public void Dsec_proves_a_pipelined_netlist_equal_to_its_rebuild_and_refuses_another_latency()
    {
        Assert.NotNull(Abc.Tool);
        using var dir = new TempDir();
        var comb = RandomNetlists.Layered(10, [24, 16], seed: 5, headClasses: 2);
        Aiger.Save(Pipelined(comb, 2), dir.File("a.aig"));
        Aiger.Save(Pipelined(new BalancePass().Run(comb, new PassContext()).Netlist, 2), dir.File("b.aig"));
        Aiger.Save(Pipelined(comb, 1), dir.File("c.aig"));

        var same = Abc.Dsec(dir.Path, "a.aig", "b.aig", Timeout);
        Assert.True(same.Ok, same.Detail);
        Assert.Equal("abc dsec: networks are equivalent", same.Detail);

        var other = Abc.Dsec(dir.Path, "a.aig", "c.aig", Timeout);
        Assert.Equal(CheckStatus.Fail, other.Status);
        Assert.StartsWith("abc dsec: ", other.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Cec_by_order_proves_a_rebuild_and_refuses_a_different_function()
    {
        using var dir = new TempDir();
        var comb = RandomNetlists.Dag(8, 60, 4, seed: 3);
        Aiger.Save(comb, dir.File("a.aig"));
        Aiger.Save(new BalancePass().Run(comb, new PassContext()).Netlist, dir.File("b.aig"));
        Aiger.Save(RandomNetlists.Dag(8, 60, 4, seed: 4), dir.File("c.aig"));

        var same = Abc.Cec(dir.Path, "a.aig", "b.aig", Timeout, byOrder: true);
        Assert.True(same.Ok, same.Detail);
        var other = Abc.Cec(dir.Path, "a.aig", "c.aig", Timeout, byOrder: true);
        Assert.Equal(CheckStatus.Fail, other.Status);
        Assert.StartsWith("abc cec: ", other.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_abc_is_a_skip_not_a_failure()
    {
        using var dir = new TempDir();
        var r = Abc.Dsec(dir.Path, "a.aig", "b.aig", Timeout, executable: "gateforge-no-such-abc");
        Assert.Equal(CheckStatus.Skipped, r.Status);
    }
}
