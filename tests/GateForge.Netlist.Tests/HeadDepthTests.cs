using System.Numerics;
using GateForge.Ir;
using GateForge.Sim;

namespace GateForge.Ir.Tests;

/// <summary>
/// Issue 15: the head's depth claims asserted, and exhaustive head tests past 16 inputs and
/// 3 classes (20 inputs: 1,048,576 vectors each).
/// </summary>
public sealed class HeadDepthTests
{
    private static int PopcountDepth(int n, CounterShape shape)
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        b.AddOutputBus("count", HeadBuilder.Popcount(b, x, new HeadOptions(shape)));
        return b.Build().Depth;
    }

    [Fact]
    public void An_800_bit_popcount_is_36_levels_deep_with_full_adders_and_39_with_6_to_3_counters()
    {
        // HeadBuilder.Popcount: depth-aware compression gives 36 (a first-in first-out order gave 53);
        // ARCHITECTURE: 6:3 counters cost about three levels more
        Assert.InRange(PopcountDepth(800, CounterShape.FullAdders), 1, 36);
        Assert.InRange(PopcountDepth(800, CounterShape.SixToThree), 1, 39);
    }

    [Fact]
    public void A_w_bit_comparator_is_at_most_2_ceil_log2_w_plus_1_levels_deep_and_exactly_that_at_powers_of_two()
    {
        for (var w = 1; w <= 64; w++)
        {
            var b = new NetlistBuilder();
            var x = b.AddInputBus("a", w);
            var y = b.AddInputBus("b", w);
            b.AddOutputBus("gt", [HeadBuilder.GreaterThan(b, x, y)]);
            var depth = b.Build().Depth;
            var bound = 2 * (int)Math.Ceiling(Math.Log2(w)) + 1; // one level per bit, an AND and an XOR per merge
            Assert.True(depth <= bound, $"{w} bits: {depth} levels, bound {bound}");
            if (BitOperations.IsPow2(w))
                Assert.Equal(bound, depth);
            Assert.True(w < 4 || depth < 2 * w, $"{w} bits: {depth} levels is no better than a ripple");
        }
    }

    [Theory]
    [InlineData(CounterShape.FullAdders, false)]
    [InlineData(CounterShape.FullAdders, true)]
    [InlineData(CounterShape.SixToThree, true)]
    public void Popcount_of_20_bits_is_exhaustively_correct(CounterShape shape, bool reduce)
    {
        const int n = 20;
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        var count = HeadBuilder.Popcount(b, x, new HeadOptions(shape, reduce));
        b.AddOutputBus("count", count);
        var nl = b.Build();
        nl.Verify();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(n));
        for (var s = 0; s < 1 << n; s++)
        {
            if ((ulong)BitOperations.PopCount((uint)s) != outs.ReadUInt(0, count.Length, s))
                Assert.Fail($"popcount of {s:x5} is {outs.ReadUInt(0, count.Length, s)}");
        }
    }

    /// <summary>The group counts of sample <paramref name="s"/> (group c is bits c*size .. c*size+size-1) and the first class with the most.</summary>
    private static (int[] Counts, int Best) Reference(int s, int classes, int size)
    {
        var counts = new int[classes];
        for (var c = 0; c < classes; c++)
            counts[c] = BitOperations.PopCount((uint)((s >> (size * c)) & ((1 << size) - 1)));
        return (counts, Array.IndexOf(counts, counts.Max()));
    }

    [Theory]
    [InlineData(4, 5, false)]
    [InlineData(5, 4, false)]
    [InlineData(10, 2, false)]
    [InlineData(5, 4, true)]
    [InlineData(6, 3, true)]
    public void Head_over_20_inputs_is_exhaustively_correct(int classes, int size, bool classIdOnly)
    {
        var n = classes * size;
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        var scoreBits = 0;
        if (classIdOnly)
            HeadBuilder.AddClassIdHead(b, x, classes);
        else
            scoreBits = HeadBuilder.AddGroupSumHead(b, x, classes).Scores[0].Length;
        var nl = b.Build();
        nl.Verify();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(n));
        for (var s = 0; s < 1 << n; s++)
        {
            var (counts, best) = Reference(s, classes, size);
            var id = CombEvaluator.ReadOutputBus(nl, outs, "class_id", s);
            if (id != (ulong)best)
                Assert.Fail($"{classes} classes of {size} bits, vector {s:x}: class_id {id}, expected {best} (counts {string.Join(",", counts)})");
            for (var c = 0; c < classes && !classIdOnly; c++)
            {
                if (outs.ReadUInt(c * scoreBits, scoreBits, s) != (ulong)counts[c])
                    Assert.Fail($"vector {s:x}: score {c} is {outs.ReadUInt(c * scoreBits, scoreBits, s)}, expected {counts[c]}");
            }
        }
    }
}
