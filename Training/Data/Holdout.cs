namespace GateForge.Training.Data;

/// <summary>A seeded validation hold-out from a training set.</summary>
public static class Holdout
{
    private const ulong SeedSalt = 0x56414C4944;   // "VALID"

    /// <summary>How many of <paramref name="rows"/> training rows a <paramref name="fraction"/> holds out (0 for 0).</summary>
    public static int Count(int rows, double fraction) =>
        fraction <= 0 || rows < 2 ? 0 : Math.Clamp((int)Math.Round(fraction * rows), 1, rows - 1);

    /// <summary>
    /// Splits <paramref name="train"/> into the rows trained on and round(<paramref name="fraction"/>·n)
    /// validation rows (at least 1, at most n − 1), chosen with <paramref name="seed"/>; both keep
    /// the original row order.
    /// </summary>
    public static (Dataset Fit, Dataset Validation) Split(Dataset train, double fraction, int seed)
    {
        var (fit, validation) = Rows(train.Count, fraction, seed, train.Name);
        return (train.Subset(fit), train.Subset(validation));
    }

    /// <summary>The same split for sequences (<see cref="Split(Dataset, double, int)"/>'s rule on sample indices).</summary>
    public static (SequenceSet Fit, SequenceSet Validation) Split(SequenceSet train, double fraction, int seed)
    {
        var (fit, validation) = Rows(train.Count, fraction, seed, train.Name);
        return (train.Subset(fit), train.Subset(validation));
    }

    private static (int[] Fit, int[] Validation) Rows(int n, double fraction, int seed, string name)
    {
        if (fraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "validation fraction must be between 0 and 1");
        if (n < 2)
            throw new TrainingException($"{name}: {n} training row(s) cannot be split into training and validation rows");
        var k = Count(n, fraction);
        var validation = new SeededRandom((ulong)(uint)seed ^ SeedSalt).SortedSample(n, k);
        var fit = new int[n - k];
        for (int row = 0, v = 0, f = 0; row < n; row++)
        {
            if (v < k && validation[v] == row)
                v++;
            else
                fit[f++] = row;
        }
        return (fit, validation);
    }
}
