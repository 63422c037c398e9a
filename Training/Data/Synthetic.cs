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
