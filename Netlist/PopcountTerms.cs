namespace GateForge.Ir;

/// <summary>
/// A popcount's input reduced to what has to be counted in gates: a constant offset (TRUE bits,
/// and one per x/¬x pair, since x + ¬x = 1) and each remaining literal once with its multiplicity
/// (a neuron that passes a wire through repeats that wire's literal). FALSE bits vanish. The count
/// is <c>Offset + Σ Weight·[Literal]</c>, and never exceeds the number of input bits.
/// </summary>
public sealed record PopcountTerms(int Offset, IReadOnlyList<(int Literal, int Weight)> Terms)
{
    /// <summary>The terms of <paramref name="bits"/>, literals in order of first appearance (the builder's order, so results are repeatable).</summary>
    public static PopcountTerms Of(ReadOnlySpan<int> bits)
    {
        var offset = 0;
        var positive = new Dictionary<int, int>();
        var negative = new Dictionary<int, int>();
        var order = new List<int>();
        foreach (var bit in bits)
        {
            if (bit == Lit.True)
                offset++;
            if (Lit.IsConst(bit))
                continue;
            var node = Lit.Node(bit);
            var counts = Lit.IsInverted(bit) ? negative : positive;
            if (!positive.ContainsKey(node) && !negative.ContainsKey(node))
                order.Add(node);
            counts[node] = counts.GetValueOrDefault(node) + 1;
        }
        var terms = new List<(int, int)>(order.Count);
        foreach (var node in order)
        {
            var p = positive.GetValueOrDefault(node);
            var n = negative.GetValueOrDefault(node);
            offset += Math.Min(p, n);
            if (p > n)
                terms.Add((Lit.Make(node), p - n));
            else if (n > p)
                terms.Add((Lit.Make(node, inverted: true), n - p));
        }
        return new PopcountTerms(offset, terms);
    }

    /// <summary>Every bit as its own term of weight 1, constants included (no reduction).</summary>
    public static PopcountTerms Unreduced(ReadOnlySpan<int> bits)
    {
        var terms = new List<(int, int)>(bits.Length);
        foreach (var bit in bits)
            terms.Add((bit, 1));
        return new PopcountTerms(0, terms);
    }

    /// <summary>The largest value the terms can sum to.</summary>
    public int Max => Offset + Terms.Sum(t => t.Weight);

    /// <summary>
    /// The groups less what they all have in common (which cannot change their ranking): the
    /// smallest offset, and for each literal that every group counts with the same polarity, its
    /// smallest weight. Each group must list a literal once, as <see cref="Of"/> gives; literals
    /// keep their order within each group.
    /// </summary>
    public static IReadOnlyList<PopcountTerms> WithoutCommon(IReadOnlyList<PopcountTerms> groups)
    {
        if (groups.Count < 2)
            return groups;
        var common = groups[0].Terms.ToDictionary(t => t.Literal, t => t.Weight);
        foreach (var g in groups.Skip(1))
        {
            var weights = new Dictionary<int, int>();
            foreach (var (lit, w) in g.Terms)
                weights[lit] = weights.GetValueOrDefault(lit) + w;
            foreach (var lit in common.Keys.ToList())
                if (weights.TryGetValue(lit, out var w))
                    common[lit] = Math.Min(common[lit], w);
                else
                    common.Remove(lit);
        }
        var offset = groups.Min(g => g.Offset);
        return groups.Select(g => new PopcountTerms(g.Offset - offset,
            g.Terms.Select(t => (t.Literal, t.Weight - common.GetValueOrDefault(t.Literal)))
                .Where(t => t.Item2 > 0).ToList())).ToList();
    }

    /// <summary>How many single bits the compressor tree still has to add (Σ popcount of each weight and of the offset).</summary>
    public int ColumnBits => System.Numerics.BitOperations.PopCount((uint)Offset)
        + Terms.Sum(t => System.Numerics.BitOperations.PopCount((uint)t.Weight));
}
