using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class BuilderTests
{
    [Fact]
    public void And_folds_trivial_cases()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        Assert.Equal(Lit.False, b.And(x[0], Lit.False));
        Assert.Equal(x[0], b.And(x[0], Lit.True));
        Assert.Equal(x[0], b.And(x[0], x[0]));
        Assert.Equal(Lit.False, b.And(x[0], Lit.Not(x[0])));
        Assert.Equal(b.And(x[0], x[1]), b.And(x[1], x[0]));
        Assert.Equal(4, b.NodeCount); // const, 2 inputs, one AND
    }

    [Fact]
    public void Xor_pushes_inversions_to_the_output_and_shares_nodes()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        var p = b.Xor(x[0], x[1]);
        Assert.Equal(Lit.Not(p), b.Xor(Lit.Not(x[0]), x[1]));
        Assert.Equal(p, b.Xor(Lit.Not(x[1]), Lit.Not(x[0])));
        Assert.Equal(Lit.False, b.Xor(x[0], x[0]));
        Assert.Equal(Lit.True, b.Xor(x[0], Lit.Not(x[0])));
        Assert.Equal(Lit.Not(x[1]), b.Xor(Lit.True, x[1]));
        Assert.Equal(4, b.NodeCount);
    }

    [Fact]
    public void Every_gate_id_matches_its_truth_table()
    {
        for (var id = 0; id < 16; id++)
        {
            var b = new NetlistBuilder();
            var x = b.AddInputBus("x", 2);
            b.AddOutputBus("y", [b.Gate(id, x[0], x[1])]);
            var nl = b.Build();
            nl.Verify();
            var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(2));
            for (var s = 0; s < 4; s++)
            {
                int a = s & 1, bb = (s >> 1) & 1;
                var expected = ((id >> (3 - (2 * a + bb))) & 1) != 0; // id = 8f(0,0)+4f(0,1)+2f(1,0)+f(1,1)
                Assert.Equal(expected, outs.Get(0, s));
            }
        }
    }

    [Fact]
    public void Verify_accepts_random_netlists()
    {
        for (var seed = 0; seed < 20; seed++)
            RandomNetlists.Dag(8, 200, 5, seed).Verify();
    }

    [Fact]
    public void Latches_close_cycles_through_a_forward_next_state()
    {
        var b = new NetlistBuilder();
        var en = b.AddInputBus("en", 1);
        var q = b.AddLatch(LatchInit.Zero);
        b.SetLatchNext(q, b.Xor(q, en[0]));
        b.AddOutputBus("q", [q]);
        var nl = b.Build();
        nl.Verify();
        Assert.Equal(1, nl.LatchCount);
    }
}
