using System.Globalization;

namespace GateForge.Training.Data;

/// <summary>
/// The MONK's problems (Thrun et al., 1991), generated from their published rules rather than read
/// from files. Six categorical attributes a1..a6 with 3, 3, 2, 3, 4, 2 values (432 instances);
/// class 1 when the rule holds:
/// <list type="bullet">
/// <item>MONK-1: a1 = a2 or a5 = 1;</item>
/// <item>MONK-2: exactly two of the six attributes take their first value (1);</item>
/// <item>MONK-3: (a5 = 3 and a4 = 1) or (a5 ≠ 4 and a2 ≠ 3).</item>
/// </list>
/// The test set is all 432 instances with their true labels. The training set is a seeded subset of
/// the original size (124, 169, 122 rows), in instance order; it is not the original file's subset
/// (those rows were drawn at random too). As in the original, MONK-3's training set has 5% label
/// noise: 6 of its 122 labels (round(0.05·122)) are flipped, chosen with a fixed seed.
/// </summary>
public static class Monk
{
    /// <summary>Values per attribute a1..a6.</summary>
    public static IReadOnlyList<int> AttributeSizes { get; } = [3, 3, 2, 3, 4, 2];

    /// <summary>Number of instances: 3·3·2·3·4·2.</summary>
    public const int InstanceCount = 432;

    private static readonly int[] TrainSizes = [124, 169, 122];
    private const double Monk3NoiseRate = 0.05;
    private const ulong SubsetSeed = 0x4D4F4E4B;    // "MONK"
    private const ulong NoiseSeed = 0x4E4F495345;   // "NOISE"

    /// <summary>The problem's training set (seeded subset) and test set (all 432 instances).</summary>
    public static DataSplit Generate(int problem)
    {
        if (problem is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(problem), problem, "MONK problem must be 1, 2 or 3");
        var name = $"monk{problem.ToString(CultureInfo.InvariantCulture)}";
        var test = AllInstances(problem, name);
        var train = test.Subset(new SeededRandom(SubsetSeed + (ulong)problem).SortedSample(InstanceCount, TrainSizes[problem - 1]));
        if (problem == 3)
            train = FlipLabels(train, (int)Math.Round(Monk3NoiseRate * train.Count));
        return new DataSplit(train, test);
    }

    /// <summary>The rule of MONK-<paramref name="problem"/> on attribute values a[0..5] (1-based values, as published).</summary>
    public static bool Rule(int problem, ReadOnlySpan<int> a) => problem switch
    {
        1 => a[0] == a[1] || a[4] == 1,
        2 => CountOnes(a) == 2,
        3 => (a[4] == 3 && a[3] == 1) || (a[4] != 4 && a[1] != 3),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "MONK problem must be 1, 2 or 3"),
    };

    private static int CountOnes(ReadOnlySpan<int> a)
    {
        var n = 0;
        foreach (var v in a)
            n += v == 1 ? 1 : 0;
        return n;
    }

    private static Dataset AllInstances(int problem, string name)
    {
        const int Attributes = 6;
        var features = new float[InstanceCount * Attributes];
        var labels = new int[InstanceCount];
        Span<int> a = stackalloc int[Attributes];
        for (var i = 0; i < InstanceCount; i++)
        {
            // a1 varies slowest, a6 fastest
            var rest = i;
            for (var k = Attributes - 1; k >= 0; k--)
            {
                a[k] = rest % AttributeSizes[k] + 1;
                rest /= AttributeSizes[k];
            }
            for (var k = 0; k < Attributes; k++)
                features[i * Attributes + k] = a[k] - 1;
            labels[i] = Rule(problem, a) ? 1 : 0;
        }
        var names = new string[Attributes];
        var categories = new string[Attributes][];
        for (var k = 0; k < Attributes; k++)
        {
            names[k] = $"a{(k + 1).ToString(CultureInfo.InvariantCulture)}";
            categories[k] = Enumerable.Range(1, AttributeSizes[k]).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        var kinds = Enumerable.Repeat(FeatureKind.Categorical, Attributes).ToArray();
        return new Dataset(name, features, Attributes, labels, 2, names, kinds, categories, ["0", "1"]);
    }

    private static Dataset FlipLabels(Dataset train, int flips)
    {
        var labels = (int[])train.Labels.Clone();
        foreach (var row in new SeededRandom(NoiseSeed).SortedSample(train.Count, flips))
            labels[row] = 1 - labels[row];
        return new Dataset(train.Name, train.Features, train.FeatureCount, labels, train.ClassCount,
            train.FeatureNames, train.Kinds, train.Categories, train.ClassNames, train.NominalRange);
    }
}
