using System.Globalization;

namespace GateForge.Training.Data;

/// <summary>
/// Small Boolean tasks for tests and demos. Each lists all 2^n input patterns (pattern p has bit i
/// of p as feature <c>b[i]</c>, 0 or 1) with the function's value as class 0/1, and uses the same
/// full table as training and test set.
/// </summary>
public static class Synthetic
{
    /// <summary>Largest input width: 2^20 rows.</summary>
    public const int MaxBits = 20;

    /// <summary>Class = XOR of all bits.</summary>
    public static DataSplit Parity(int bits) =>
        Table($"parity{Text(bits)}", bits, p => int.PopCount(p) & 1);

    /// <summary>Class = 1 when more than half of the bits are 1 (an odd width avoids ties).</summary>
    public static DataSplit Majority(int bits) =>
        Table($"majority{Text(bits)}", bits, p => 2 * int.PopCount(p) > bits ? 1 : 0);

    /// <summary>Class = AND of all bits.</summary>
    public static DataSplit And(int bits) =>
        Table($"and{Text(bits)}", bits, p => p == (1 << bits) - 1 ? 1 : 0);

    /// <summary>Two unsigned <paramref name="width"/>-bit numbers a = b[0..w), c = b[w..2w), LSB first; class = a &gt; c.</summary>
    public static DataSplit Comparator(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var mask = (1 << width) - 1;
        return Table($"comparator{Text(width)}", 2 * width, p => (p & mask) > (p >> width) ? 1 : 0);
    }

    /// <summary>Class = number of ones (0..bits): a multi-class task.</summary>
    public static DataSplit PopCount(int bits) =>
        Table($"popcount{Text(bits)}", bits, int.PopCount, bits + 1);

    /// <summary>Side of a <see cref="Bars"/> image.</summary>
    public const int BarsSide = 8;

    /// <summary>
    /// An image task for conv models: 8 × 8 images (values 0/1) holding one bar of 6–8 pixels at a
    /// random place, horizontal (class 0) or vertical (class 1), with every pixel flipped with
    /// probability 2 % (about 1.3 noise pixels per image against a bar of at least 6). 2,000
    /// training and 1,000 test images from seeded SplitMix64 streams.
    /// </summary>
    public static DataSplit Bars() => new(BarImages("bars", 2000, 0xBA25), BarImages("bars", 1000, 0x7E57));

    private static Dataset BarImages(string name, int count, ulong seed)
    {
        const int side = BarsSide;
        var rng = new SeededRandom(seed);
        var features = new float[count * side * side];
        var labels = new int[count];
        for (var n = 0; n < count; n++)
        {
            var image = features.AsSpan(n * side * side, side * side);
            var vertical = rng.Next(2);
            var length = 6 + rng.Next(side - 5);
            var along = rng.Next(side - length + 1);
            var across = rng.Next(side);
            for (var i = 0; i < length; i++)
                image[vertical == 1 ? (along + i) * side + across : across * side + along + i] = 1;
            for (var p = 0; p < image.Length; p++)
                if (rng.Next(100) < 2)
                    image[p] = 1 - image[p];
            labels[n] = vertical;
        }
        var names = Enumerable.Range(0, side * side).Select(i => $"p[{Text(i / side)},{Text(i % side)}]").ToArray();
        return new Dataset(name, features, side * side, labels, 2, names, new FeatureKind[side * side], null, ["horizontal", "vertical"], new ValueRange(0, 1))
        {
            Image = new ImageShape(side, side),
        };
    }

    private static DataSplit Table(string name, int bits, Func<int, int> function, int classCount = 2)
    {
        if (bits is < 1 or > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"synthetic tasks take 1..{MaxBits} input bits");
        var rows = 1 << bits;
        var features = new float[rows * bits];
        var labels = new int[rows];
        for (var p = 0; p < rows; p++)
        {
            for (var i = 0; i < bits; i++)
                features[p * bits + i] = (p >> i) & 1;
            labels[p] = function(p);
        }
        var names = Enumerable.Range(0, bits).Select(i => $"b[{Text(i)}]").ToArray();
        var classNames = Enumerable.Range(0, classCount).Select(Text).ToArray();
        var data = new Dataset(name, features, bits, labels, classCount, names, new FeatureKind[bits], null, classNames, new ValueRange(0, 1));
        return new DataSplit(data, data);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
