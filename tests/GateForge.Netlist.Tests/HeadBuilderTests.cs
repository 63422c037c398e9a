using System.Numerics;
using GateForge.Ir;
using GateForge.Sim;

namespace GateForge.Ir.Tests;

public sealed class HeadBuilderTests
{
    /// <summary>Every way the head can be built (issue 14's variants and the head before it).</summary>
    private static readonly HeadOptions[] AllVariants =
    [
        new HeadOptions(CounterShape.FullAdders, ReduceTerms: false),
        new HeadOptions(CounterShape.FullAdders),
        new HeadOptions(CounterShape.SixToThree),
    ];

    public static TheoryData<HeadOptions> Variants() => [.. AllVariants];

    public static TheoryData<int, HeadOptions> SizesAndVariants()
    {
        var data = new TheoryData<int, HeadOptions>();
        foreach (var n in new[] { 1, 2, 3, 6, 7, 8, 12, 13, 16 })
            foreach (var v in AllVariants)
                data.Add(n, v);
        return data;
    }

    [Theory]
    [MemberData(nameof(SizesAndVariants))]
    public void Popcount_is_exhaustively_correct(int n, HeadOptions options)
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", n);
        var count = HeadBuilder.Popcount(b, x, options);
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
    [InlineData(5, 4)] // issue 15: past 16 inputs and 3 classes (20 inputs, 1,048,576 vectors)
    [InlineData(4, 5)]
    [InlineData(3, 6)]
    [InlineData(2, 7)]
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

    /// <summary>
    /// A group such as a trained last layer gives the head: literals of the <paramref name="x"/>
    /// nodes, some repeated, some complemented, some constant.
    /// </summary>
    private static int[] MixedGroup(int[] x, int length, Random rng)
    {
        var group = new int[length];
        for (var i = 0; i < length; i++)
        {
            group[i] = rng.Next(10) switch
            {
                0 => Lit.True,
                1 => Lit.False,
                2 => Lit.Not(x[rng.Next(x.Length)]),
                _ => x[rng.Next(x.Length)],
            };
        }
        return group;
    }

    private static int Ones(int[] group, PackedBits inputs, int sample) =>
        group.Count(lit => lit == Lit.True || (!Lit.IsConst(lit) && inputs.Get(Lit.Node(lit) - 1, sample) != Lit.IsInverted(lit)));

    [Theory]
    [MemberData(nameof(Variants))]
    public void Popcount_of_constants_repeats_and_complements_is_exhaustively_correct(HeadOptions options)
    {
        const int n = 10;
        var rng = new Random(14);
        foreach (var length in new[] { 5, 17, 40, 63 })
        {
            var b = new NetlistBuilder();
            var x = b.AddInputBus("x", n);
            var group = MixedGroup(x, length, rng);
            var count = HeadBuilder.Popcount(b, group, options);
            Assert.Equal(HeadBuilder.BitsFor(length), count.Length);
            b.AddOutputBus("count", count);
            var nl = b.Build();
            nl.Verify();
            var inputs = PackedBits.Exhaustive(n);
            var outs = CombEvaluator.Evaluate(nl, inputs);
            for (var s = 0; s < 1 << n; s++)
                Assert.Equal((ulong)Ones(group, inputs, s), outs.ReadUInt(0, count.Length, s));
        }
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Wide_head_equals_reference_scores_and_argmax_on_random_vectors(HeadOptions options)
    {
        const int inputs = 300, classes = 10, group = 200, samples = 2048;
        var rng = new Random(141);
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", inputs);
        var groups = Enumerable.Range(0, classes).Select(_ => MixedGroup(x, group, rng)).ToArray();
        var (scores, _) = HeadBuilder.AddGroupSumHead(b, groups.SelectMany(g => g).ToArray(), classes, options);
        var nl = b.Build();
        nl.Verify();
        var vectors = PackedBits.Random(inputs, samples, seed: 7);
        var outs = CombEvaluator.Evaluate(nl, vectors);
        var sb = scores[0].Length;
        for (var s = 0; s < samples; s++)
        {
            var expected = groups.Select(g => Ones(g, vectors, s)).ToArray();
            for (var c = 0; c < classes; c++)
                Assert.Equal((ulong)expected[c], outs.ReadUInt(c * sb, sb, s));
            Assert.Equal((ulong)Array.IndexOf(expected, expected.Max()), CombEvaluator.ReadOutputBus(nl, outs, "class_id", s));
        }
    }

    [Fact]
    public void Reduced_terms_take_fewer_gates_than_counting_every_bit()
    {
        static int Gates(HeadOptions options)
        {
            var b = new NetlistBuilder();
            var x = b.AddInputBus("x", 40);
            var group = MixedGroup(x, 200, new Random(3));
            b.AddOutputBus("count", HeadBuilder.Popcount(b, group, options));
            return b.Build().GateCount;
        }
        var unreduced = Gates(HeadOptions.Default with { ReduceTerms = false });
        var reduced = Gates(HeadOptions.Default);
        // 200 bits over 40 inputs: about 40 weighted terms and an offset instead of ~160 variable bits
        Assert.True(reduced * 2 < unreduced, $"reduced head {reduced} gates, unreduced {unreduced}");
    }

    [Fact]
    public void Terms_fold_constants_and_complement_pairs_into_the_offset()
    {
        var a = Lit.Make(5);
        var c = Lit.Make(9);
        var terms = PopcountTerms.Of([Lit.True, a, Lit.False, a, Lit.Not(a), c, Lit.True, Lit.Not(c), Lit.Not(c)]);
        // TRUE twice, a/¬a once, c/¬c once: offset 4; a once more, ¬c once more
        Assert.Equal(4, terms.Offset);
        Assert.Equal([(a, 1), (Lit.Not(c), 1)], terms.Terms);
        Assert.Equal(3, terms.ColumnBits);
    }

    [Fact]
    public void Thermometer_encoder_compares_every_byte_value()
    {
        int[] thresholds = [-1, 0, 77, 128, 254, 255];
        var nl = ThermometerEncoder.Build([thresholds]);
        nl.Verify();
        var outs = CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(ThermometerEncoder.FeatureBits));
        for (var v = 0; v < 256; v++)
            for (var j = 0; j < thresholds.Length; j++)
                Assert.Equal(v > thresholds[j], outs.Get(j, v));
    }

    [Fact]
    public void The_head_records_where_popcount_and_argmax_begin()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 12);
        var layer = new int[12];
        DesignParts.Begin(b, "layer1");
        for (var i = 0; i < 12; i++)
            layer[i] = b.And(x[i], x[(i + 1) % 12]);
        var popcountStart = b.NodeCount;
        HeadBuilder.AddGroupSumHead(b, layer, 3);
        var nl = b.Build();
        var parts = DesignParts.Read(nl);
        Assert.Equal(["layer1", DesignParts.Popcount, DesignParts.Argmax], parts.Select(p => p.Name));
        Assert.Equal(13, parts[0].FirstNode);
        Assert.Equal(popcountStart, parts[1].FirstNode);
        Assert.True(parts[2].FirstNode > parts[1].FirstNode);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Class_id_only_head_equals_the_reference_argmax(HeadOptions options)
    {
        // few inputs, so that literals recur in every group and common terms are dropped
        const int n = 8, classes = 3;
        var rng = new Random(5);
        foreach (var group in new[] { 4, 9, 21 })
        {
            var b = new NetlistBuilder();
            var x = b.AddInputBus("x", n);
            var groups = Enumerable.Range(0, classes).Select(_ => MixedGroup(x, group, rng)).ToArray();
            HeadBuilder.AddClassIdHead(b, groups.SelectMany(g => g).ToArray(), classes, options);
            var nl = b.Build();
            nl.Verify();
            Assert.Equal(["class_id"], nl.OutputBuses.Select(o => o.Name));
            Assert.Equal(HeadBuilder.ClassIdOnly, nl.Attribute(HeadBuilder.OutputsAttribute));
            var inputs = PackedBits.Exhaustive(n);
            var outs = CombEvaluator.Evaluate(nl, inputs);
            for (var s = 0; s < 1 << n; s++)
            {
                var counts = groups.Select(g => Ones(g, inputs, s)).ToArray();
                Assert.Equal((ulong)Array.IndexOf(counts, counts.Max()), outs.ReadUInt(0, nl.OutputBuses[0].Width, s));
            }
        }
    }

    [Fact]
    public void Class_id_only_head_on_wide_groups_matches_on_random_vectors_and_is_smaller()
    {
        const int inputs = 60, classes = 12, group = 150, samples = 2048;
        var groups = Enumerable.Range(0, classes).Select(_ => Array.Empty<int>()).ToArray();
        Netlist Build(bool classIdOnly)
        {
            var rng = new Random(15);
            var b = new NetlistBuilder();
            var x = b.AddInputBus("x", inputs);
            groups = Enumerable.Range(0, classes).Select(_ => MixedGroup(x, group, rng)).ToArray();
            var bits = groups.SelectMany(g => g).ToArray();
            if (classIdOnly)
                HeadBuilder.AddClassIdHead(b, bits, classes);
            else
                HeadBuilder.AddGroupSumHead(b, bits, classes);
            return b.Build();
        }
        var full = Build(classIdOnly: false);
        var nl = Build(classIdOnly: true);
        var vectors = PackedBits.Random(inputs, samples, seed: 9);
        var outs = CombEvaluator.Evaluate(nl, vectors);
        for (var s = 0; s < samples; s++)
        {
            var counts = groups.Select(g => Ones(g, vectors, s)).ToArray();
            Assert.Equal((ulong)Array.IndexOf(counts, counts.Max()), CombEvaluator.ReadOutputBus(nl, outs, "class_id", s));
        }
        // 150 bits over 60 inputs: literals recur in every group (measured 4,062 gates against 4,263)
        Assert.True(nl.GateCount < full.GateCount, $"class_id only {nl.GateCount} gates, with scores {full.GateCount}");
    }

    [Fact]
    public void Common_terms_are_the_smallest_offset_and_weights_shared_by_every_group()
    {
        var (a, c, d) = (Lit.Make(3), Lit.Make(4), Lit.Make(5));
        var reduced = PopcountTerms.WithoutCommon(
        [
            new PopcountTerms(3, [(a, 2), (c, 1)]),
            new PopcountTerms(5, [(c, 4), (a, 1), (d, 1)]),
        ]);
        Assert.Equal(0, reduced[0].Offset);
        Assert.Equal([(a, 1)], reduced[0].Terms);
        Assert.Equal(2, reduced[1].Offset);
        Assert.Equal([(c, 3), (d, 1)], reduced[1].Terms);
    }
}
