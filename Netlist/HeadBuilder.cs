namespace GateForge.Ir;

/// <summary>
/// Arithmetic of the network head (SPEC §3), built from gates: popcount as a balanced tree of full
/// and half adders, unsigned comparison, and argmax with ties going to the lowest index.
/// </summary>
public static class HeadBuilder
{
    /// <summary>Bits needed for an unsigned value up to <paramref name="max"/>: ⌈log2(max+1)⌉, at least 1.</summary>
    public static int BitsFor(int max)
    {
        var bits = 1;
        while ((1L << bits) <= max)
            bits++;
        return bits;
    }

    /// <summary>Width of class_id for k classes: ⌈log2 k⌉, at least 1.</summary>
    public static int ClassBits(int classes) => classes <= 2 ? 1 : BitsFor(classes - 1);

    /// <summary>
    /// Number of ones in <paramref name="bits"/>, LSB first, ⌈log2(n+1)⌉ bits wide. The bits are
    /// first reduced to <see cref="PopcountTerms"/> (constants and x/¬x pairs become an offset, a
    /// repeated literal is counted once with its weight), whose binary digits go into weight
    /// columns. Each column is then compressed taking the bits that are ready first (fewest logic
    /// levels, then oldest): with <see cref="CounterShape.SixToThree"/> six at a time through a 6:3
    /// counter while six are left, then three through a full adder (sum back into the column,
    /// carry into the next), a final pair through a half adder. Taking the earliest bits first keeps
    /// the tree shallow (a first-in first-out order left an 800-bit popcount 53 levels deep, this 36
    /// with full adders, 39 with 6:3 counters).
    /// A constant in a column folds its adder (x + y + 1: 3 gates instead of 5).
    /// </summary>
    public static int[] Popcount(NetlistBuilder b, ReadOnlySpan<int> bits, HeadOptions? options = null)
    {
        options ??= HeadOptions.Default;
        return Sum(b, options.ReduceTerms ? PopcountTerms.Of(bits) : PopcountTerms.Unreduced(bits), BitsFor(bits.Length), options);
    }

    /// <summary><paramref name="terms"/> summed into <paramref name="width"/> bits (enough for <see cref="PopcountTerms.Max"/>), compressed as <see cref="Popcount"/> says.</summary>
    public static int[] Sum(NetlistBuilder b, PopcountTerms terms, int width, HeadOptions? options = null)
    {
        options ??= HeadOptions.Default;
        if (BitsFor(terms.Max) > width)
            throw new ArgumentException($"a sum up to {terms.Max} does not fit in {width} bits");
        var levels = new LogicLevels.OfBuilder(b);
        var columns = new List<PriorityQueue<int, (int Level, long Order)>>();
        for (var i = 0; i < width + 3; i++)
            columns.Add(new PriorityQueue<int, (int, long)>());
        var order = 0L;
        void Add(int column, int lit) => columns[column].Enqueue(lit, (levels.Of(lit), order++));
        void AddWeighted(int lit, int weight)
        {
            for (var j = 0; weight >> j != 0; j++)
                if (((weight >> j) & 1) != 0)
                    Add(j, lit);
        }
        AddWeighted(Lit.True, terms.Offset);
        foreach (var (lit, weight) in terms.Terms)
            AddWeighted(lit, weight);
        var result = new int[width];
        for (var w = 0; w < width; w++)
        {
            var col = columns[w];
            while (options.Shape == CounterShape.SixToThree && col.Count >= 6)
            {
                var (s1, c1) = FullAdder(b, col.Dequeue(), col.Dequeue(), col.Dequeue());
                var (s2, c2) = FullAdder(b, col.Dequeue(), col.Dequeue(), col.Dequeue());
                Add(w, b.Xor(s1, s2));
                var (t, u) = FullAdder(b, c1, c2, b.And(s1, s2));
                Add(w + 1, t);
                Add(w + 2, u);
            }
            while (col.Count >= 3)
            {
                var (sum, carry) = FullAdder(b, col.Dequeue(), col.Dequeue(), col.Dequeue());
                Add(w, sum);
                Add(w + 1, carry);
            }
            if (col.Count == 2)
            {
                var (x, y) = (col.Dequeue(), col.Dequeue());
                Add(w, b.Xor(x, y));
                Add(w + 1, b.And(x, y));
            }
            result[w] = col.Count == 1 ? col.Dequeue() : Lit.False;
        }
        return result;
    }

    private static (int Sum, int Carry) FullAdder(NetlistBuilder b, int x, int y, int z)
    {
        var xy = b.Xor(x, y);
        return (b.Xor(xy, z), b.Xor(b.And(x, y), b.And(z, xy)));
    }

    /// <summary>
    /// Unsigned a &gt; b for equal-width operands (LSB first), as a tree over the bits: a range of
    /// bits is (greater, equal), and a higher range decides unless it is equal. At most
    /// 2⌈log2 w⌉ + 1 logic levels (one for the bits, an AND and an XOR per merge: 9 for 16 bits)
    /// instead of a ripple of 2 per bit. (This said ⌈log2 w⌉ + 2, which no width but 1 and 2 meets;
    /// HeadDepthTests asserts the bound.)
    /// </summary>
    public static int GreaterThan(NetlistBuilder b, ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length != y.Length)
            throw new ArgumentException("operands must have equal width");
        if (x.Length == 0)
            return Lit.False;
        return Compare(b, x, y).Greater;
    }

    private static (int Greater, int Equal) Compare(NetlistBuilder b, ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length == 1)
            return (b.And(x[0], Lit.Not(y[0])), Lit.Not(b.Xor(x[0], y[0])));
        var mid = x.Length / 2;
        var low = Compare(b, x[..mid], y[..mid]);
        var high = Compare(b, x[mid..], y[mid..]);
        // high.Greater and (high.Equal ∧ low.Greater) never hold together, so XOR is their OR
        return (b.Xor(high.Greater, b.And(high.Equal, low.Greater)), b.And(high.Equal, low.Equal));
    }

    /// <summary>
    /// Index of the largest score, ties to the lowest index: a balanced tournament in which the
    /// right (higher-index) half wins only when strictly greater.
    /// </summary>
    public static int[] Argmax(NetlistBuilder b, IReadOnlyList<int[]> scores)
    {
        if (scores.Count == 0)
            throw new ArgumentException("argmax of no scores");
        var indexBits = ClassBits(scores.Count);
        var (_, index) = Tournament(b, scores, 0, scores.Count, indexBits);
        return index;
    }

    private static (int[] Score, int[] Index) Tournament(NetlistBuilder b, IReadOnlyList<int[]> scores, int lo, int hi, int indexBits)
    {
        if (hi - lo == 1)
        {
            var index = new int[indexBits];
            for (var i = 0; i < indexBits; i++)
                index[i] = ((lo >> i) & 1) != 0 ? Lit.True : Lit.False;
            return (scores[lo], index);
        }
        var mid = lo + (hi - lo + 1) / 2;
        var left = Tournament(b, scores, lo, mid, indexBits);
        var right = Tournament(b, scores, mid, hi, indexBits);
        var rightWins = GreaterThan(b, right.Score, left.Score);
        var score = new int[left.Score.Length];
        for (var i = 0; i < score.Length; i++)
            score[i] = b.Mux(rightWins, right.Score[i], left.Score[i]);
        var idx = new int[indexBits];
        for (var i = 0; i < indexBits; i++)
            idx[i] = b.Mux(rightWins, right.Index[i], left.Index[i]);
        return (score, idx);
    }

    /// <summary>
    /// The head of a design whose only output is <c>class_id</c> (attribute <c>head.outputs</c> =
    /// <c>class_id</c>): the argmax of the group counts without the scores. Since only the
    /// ranking matters, what all groups share is dropped before counting: the smallest offset, and
    /// for a literal that every group counts, its smallest weight (<see cref="PopcountTerms.WithoutCommon"/>);
    /// the counts are as wide as the largest remaining sum needs. Ties still go to the lowest class.
    /// </summary>
    public static int[] AddClassIdHead(NetlistBuilder b, ReadOnlySpan<int> bits, int classes, HeadOptions? options = null)
    {
        options ??= HeadOptions.Default;
        var groups = SplitGroups(bits, classes);
        IReadOnlyList<PopcountTerms> terms = options.ReduceTerms
            ? PopcountTerms.WithoutCommon(groups.Select(g => PopcountTerms.Of(g)).ToList())
            : groups.Select(g => PopcountTerms.Unreduced(g)).ToList();
        var width = BitsFor(terms.Max(t => t.Max));
        DesignParts.Begin(b, DesignParts.Popcount);
        var counts = terms.Select(t => Sum(b, t, width, options)).ToList();
        DesignParts.Begin(b, DesignParts.Argmax);
        var classId = Argmax(b, counts);
        b.AddOutputBus(Names.Buses.ClassId, classId);
        b.SetAttribute(Names.Attributes.HeadClasses, classes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.SetAttribute(OutputsAttribute, ClassIdOnly);
        return classId;
    }

    /// <summary>Attribute naming the head's outputs when they are not the default <c>scores</c> and <c>class_id</c>.</summary>
    public const string OutputsAttribute = Names.Attributes.HeadOutputs;
    /// <summary><see cref="OutputsAttribute"/> of a class_id-only head.</summary>
    public const string ClassIdOnly = Names.Buses.ClassId;

    private static int[][] SplitGroups(ReadOnlySpan<int> bits, int classes)
    {
        if (classes <= 0 || bits.Length % classes != 0)
            throw new ArgumentException($"{bits.Length} outputs cannot be split into {classes} equal groups");
        var group = bits.Length / classes;
        var groups = new int[classes][];
        for (var c = 0; c < classes; c++)
            groups[c] = bits.Slice(c * group, group).ToArray();
        return groups;
    }

    /// <summary>
    /// The GroupSum head: splits <paramref name="bits"/> into <paramref name="classes"/> contiguous
    /// groups, popcounts each, and adds the output buses <c>scores</c> (class c at bits
    /// [c·SB, (c+1)·SB)) and <c>class_id</c>.
    /// </summary>
    public static (int[][] Scores, int[] ClassId) AddGroupSumHead(NetlistBuilder b, ReadOnlySpan<int> bits, int classes, HeadOptions? options = null)
    {
        var groups = SplitGroups(bits, classes);
        var scores = new int[classes][];
        DesignParts.Begin(b, DesignParts.Popcount);
        for (var c = 0; c < classes; c++)
            scores[c] = Popcount(b, groups[c], options);
        DesignParts.Begin(b, DesignParts.Argmax);
        var classId = Argmax(b, scores);
        b.AddOutputBus(Names.Buses.Scores, scores.SelectMany(s => s).ToArray());
        b.AddOutputBus(Names.Buses.ClassId, classId);
        b.SetAttribute(Names.Attributes.HeadClasses, classes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.SetAttribute(Names.Attributes.HeadScoreBits, scores[0].Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (scores, classId);
    }
}
