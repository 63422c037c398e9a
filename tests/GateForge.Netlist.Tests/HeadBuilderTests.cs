using System.Numerics;
using GateForge.Ir;
using GateForge.Sim;

namespace GateForge.Ir.Tests;

public sealed class HeadBuilderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    public void Popcount_is_exhaustively_correct(int n)
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        var count = HeadBuilder.Popcount(b, x);
        Assert.Equal(HeadBuilder.BitsFor(n), count.Length);
        b.AddOutputBus("count", count);
        var nl = b.Build();
        nl.Verify();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(n));
        for (var s = 0; s < 1 << n; s++)
            Assert.Equal((ulong)BitOperations.PopCount((uint)s), outs.ReadUInt(0, count.Length, s));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    [InlineData(5, 2)]
    public void Argmax_picks_the_lowest_index_on_ties(int width, int classes)
    {
        var b = new NetlistBuilder();
        var scores = new List<int[]>();
        for (var c = 0; c < classes; c++)
            scores.Add(b.AddInputBus($"s{c}", width));
        var id = HeadBuilder.Argmax(b, scores);
        b.AddOutputBus("class_id", id);
        var nl = b.Build();
        nl.Verify();
        var n = width * classes;
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(n));
        for (var s = 0; s < 1 << n; s++)
        {
            var best = 0;
            var bestScore = -1;
            for (var c = 0; c < classes; c++)
            {
                var v = (s >> (c * width)) & ((1 << width) - 1);
                if (v > bestScore)
                    (best, bestScore) = (c, v);
            }
            Assert.Equal((ulong)best, outs.ReadUInt(0, id.Length, s));
        }
    }

    [Fact]
    public void GreaterThan_is_exhaustively_correct()
    {
        const int w = 4;
        var b = new NetlistBuilder();
        var x = b.AddInputBus("a", w);
        var y = b.AddInputBus("b", w);
        b.AddOutputBus("gt", [HeadBuilder.GreaterThan(b, x, y)]);
        var nl = b.Build();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(2 * w));
        for (var s = 0; s < 1 << (2 * w); s++)
            Assert.Equal((s & 15) > (s >> 4), outs.Get(0, s));
    }

    [Fact]
    public void GroupSum_head_scores_and_class_id()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 12);
        HeadBuilder.AddGroupSumHead(b, x, 3);
        var nl = b.Build();
        nl.Verify();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(12));
        for (var s = 0; s < 1 << 12; s++)
        {
            var sc = new int[3];
            for (var c = 0; c < 3; c++)
                sc[c] = BitOperations.PopCount((uint)((s >> (4 * c)) & 15));
            var best = Array.IndexOf(sc, sc.Max());
            for (var c = 0; c < 3; c++)
                Assert.Equal((ulong)sc[c], outs.ReadUInt(3 * c, 3, s));
            Assert.Equal((ulong)best, CombEvaluator.ReadOutputBus(nl, outs, "class_id", s));
        }
    }
}
