using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class StatsTests
{
    [Fact]
    public void Counts_depths_and_fanout_of_a_hand_made_netlist()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 3);
        var a = b.And(x[0], x[1]);       // level 1, aig 1
        var p = b.Xor(a, x[2]);          // level 2, aig 3
        var q = b.AddLatch();
        b.SetLatchNext(q, p);
        var r = b.And(q, Lit.Not(p));    // level 3, aig 4 (the latch is level 0)
        b.AddOutputBus("y", [r, a]);
        var s = NetlistStats.Compute(b.Build());
        Assert.Equal(8, s.Nodes);
        Assert.Equal((3, 2, 2, 1, 1), (s.Inputs, s.Outputs, s.Ands, s.Xors, s.Latches));
        Assert.Equal(5, s.AndEquivalent);
        Assert.Equal(3, s.Depth);
        Assert.Equal(4, s.AigDepth);
        // fanouts: x0 1, x1 1, x2 1, a 2 (xor, output), p 2 (latch, r), q 1, r 1
        Assert.Equal([0, 5, 2, 0, 0, 0, 0], s.FanoutHistogram);
        Assert.Equal("i/o = 3/2  and = 2  xor = 1  lat = 1  and-eq = 5  lev = 3  aig-lev = 4  fanout 0:0 1:5 2:2 3:0 4-7:0 8-15:0 16+:0", s.ToString());
    }

    [Fact]
    public void Aig_depth_matches_the_depth_of_the_aiger_file()
    {
        var nl = RandomNetlists.Dag(10, 300, 6, seed: 9, xorShare: 0.5);
        var stats = NetlistStats.Compute(nl);
        using var ms = new MemoryStream();
        Aiger.WriteBinary(nl, ms);
        ms.Position = 0;
        var aig = NetlistStats.Compute(Aiger.Read(ms, "m.aig"));
        Assert.Equal(stats.AigDepth, aig.Depth);
        Assert.Equal(LongestPath(nl), stats.Depth);
        Assert.True(aig.Ands <= stats.AndEquivalent);
        Assert.True(stats.Depth < stats.AigDepth);
    }

    [Fact]
    public void Histogram_buckets_cover_every_node_but_the_constant()
    {
        var nl = RandomNetlists.Layered(16, [64, 64, 32], seed: 2, headClasses: 4);
        var s = NetlistStats.Compute(nl);
        Assert.Equal(nl.NodeCount - 1, s.FanoutHistogram.Sum());
        Assert.Equal(NetlistStats.FanoutBuckets.Count, s.FanoutHistogram.Count);
    }

    /// <summary>Depth computed here, not by the code under test: nodes are in topological order, AND and XOR one level each.</summary>
    private static int LongestPath(Netlist nl)
    {
        var level = new int[nl.NodeCount];
        for (var i = 1; i < nl.NodeCount; i++)
            if (nl.Kind(i) is NodeKind.And or NodeKind.Xor)
                level[i] = 1 + Math.Max(level[nl.F0(i) >> 1], level[nl.F1(i) >> 1]);
        return nl.OutputLiterals().Max(l => level[l >> 1]);
    }
}
