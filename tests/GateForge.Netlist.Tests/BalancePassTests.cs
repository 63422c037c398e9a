using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class BalancePassTests
{
    [Theory]
    [InlineData(false, 64, 6)]
    [InlineData(true, 64, 6)]
    [InlineData(false, 100, 7)]
    [InlineData(true, 5, 3)]
    public void Long_chain_becomes_a_tree_of_logarithmic_depth(bool xor, int n, int depth)
    {
        var chain = PassTestKit.Chain(n, xor);
        Assert.Equal(n - 1, chain.Depth);
        var result = new BalancePass().Run(chain, new PassContext());
        result.Netlist.Verify();
        Assert.True(result.Changed);
        Assert.Equal(depth, result.Netlist.Depth);
        Assert.Equal(chain.GateCount, result.Netlist.GateCount);
        Assert.Equal(n - 1 - depth, result.Counts["depth_cut"]);
        PassTestKit.AssertEquivalent(chain, result.Netlist, "balance");
    }

    [Fact]
    public void Leaves_of_different_levels_pair_lowest_first()
    {
        // y = a & b & c & deep, where deep is an XOR chain of depth 4 (3 once balanced): pairing
        // a, b, c first and deep last gives depth 4; any other order gives 5.
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 8);
        var deep = b.Xor(b.Xor(b.Xor(b.Xor(x[0], x[1]), x[2]), x[3]), x[4]);
        var y = b.And(b.And(b.And(x[5], x[6]), x[7]), deep);
        b.AddOutputBus("y", [y]);
        var nl = b.Build();
        var balanced = new PassManager { VerifyEachPass = true }.Run(nl, "balance").Final;
        Assert.Equal(4, balanced.Depth);
        PassTestKit.AssertEquivalent(nl, balanced, "balance");
    }

    [Fact]
    public void Repeated_and_complementary_leaves_are_merged()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 3);
        var andDup = b.And(b.And(b.And(x[0], x[1]), x[2]), x[0]);           // x0&x1&x2&x0 = x0&x1&x2
        var andZero = b.And(b.And(b.And(x[2], x[1]), x[0]), Lit.Not(x[1])); // contains x1 and !x1 (no gate shared with andDup)
        var xorDup = b.Xor(b.Xor(b.Xor(x[0], x[1]), x[2]), x[0]);           // = x1^x2
        b.AddOutputBus("y", [andDup, andZero, xorDup]);
        var nl = b.Build();
        var balanced = new PassManager { VerifyEachPass = true }.Run(nl, "balance,dce").Final;
        PassTestKit.AssertEquivalent(nl, balanced, "balance");
        Assert.Equal(Lit.False, balanced.OutputBus("y").Bits[1]);
        Assert.Equal(3, balanced.GateCount); // two ANDs for x0&x1&x2, one XOR
    }

    [Fact]
    public void Shared_inner_gates_are_not_duplicated()
    {
        var nl = RandomNetlists.Dag(16, 1500, 20, seed: 11, xorShare: 0.4);
        var balanced = new BalancePass().Run(nl, new PassContext()).Netlist;
        Assert.True(balanced.GateCount <= nl.GateCount);
        Assert.True(balanced.Depth <= nl.Depth);
    }

    [Fact]
    public void A_rebuild_that_cuts_nothing_keeps_the_input()
    {
        var balanced = new BalancePass().Run(PassTestKit.Chain(32, xor: false), new PassContext()).Netlist;
        var again = new BalancePass().Run(balanced, new PassContext());
        Assert.False(again.Changed);
        Assert.Same(balanced, again.Netlist);
        Assert.Equal(0, again.Counts["depth_cut"]);
    }

    [Fact]
    public void Balancing_twice_reaches_a_fixpoint()
    {
        var nl = PassTestKit.MixedChain(20, 80);
        var r = new PassManager { VerifyEachPass = true }.Run(nl, "fixpoint(balance,dce)");
        Assert.True(r.Records.Count <= 2 * PipelineParser.MaxFixpointRounds);
        Assert.False(r.Records[^1].Changed);
        Assert.False(r.Records[^2].Changed);
    }

    [Fact]
    public void Snapshot_of_a_balanced_handmade_netlist() =>
        Snapshot.Match(NetlistDump.ToText(new BalancePass().Run(PassTestKit.HandMade(), new PassContext()).Netlist), "handmade");
}
