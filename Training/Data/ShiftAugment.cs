namespace GateForge.Training.Data;

/// <summary>
/// Data augmentation for small image sets: each image is followed by its copies shifted by every
/// (dx, dy) with |dx|, |dy| ≤ s pixels, the vacated border filled with 0 (the background of MNIST
/// and Fashion-MNIST). A logic gate network wires each gate to fixed pixels, so it does not see a
/// digit one pixel off as the same digit unless it is trained on such copies.
/// </summary>
public static class ShiftAugment
{
    /// <summary>Rows per original image after <see cref="Apply"/>: (2s + 1)².</summary>
    public static int RowsPerImage(int shift) => (2 * shift + 1) * (2 * shift + 1);

    /// <summary>The augmented rows (originals first, then one block per shift); <paramref name="data"/> itself when <paramref name="shift"/> is 0.</summary>
    public static Dataset Apply(Dataset data, int shift)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift == 0)
            return data;
        if (data.Image is not { } image || image.Width * image.Height != data.FeatureCount)
            throw new TrainingException($"data set {data.Name}: shiftAugment needs image data (an IDX image file), not {data.FeatureCount} plain features");
        var shifts = new List<(int Dx, int Dy)> { (0, 0) }; // the original rows keep their positions
        for (var dy = -shift; dy <= shift; dy++)
            for (var dx = -shift; dx <= shift; dx++)
                if (dx != 0 || dy != 0)
                    shifts.Add((dx, dy));
        var n = data.Count;
        var size = data.FeatureCount;
        if ((long)shifts.Count * n * size > Array.MaxLength)
            throw new TrainingException(
                $"data set {data.Name}: shiftAugment {shift} would make {shifts.Count} × {n} images, more than one array holds; use a smaller shift");
        var features = new float[shifts.Count * n * size];
        var labels = new int[shifts.Count * n];
        for (var block = 0; block < shifts.Count; block++)
            for (var r = 0; r < n; r++)
            {
                Shift(data.Row(r), features.AsSpan((block * n + r) * size, size), image, shifts[block].Dx, shifts[block].Dy);
                labels[block * n + r] = data.Labels[r];
            }
        return new Dataset(data.Name, features, size, labels, data.ClassCount, data.FeatureNames, data.Kinds,
            data.Categories, data.ClassNames, data.NominalRange) { Image = image };
    }

    private static void Shift(ReadOnlySpan<float> source, Span<float> target, ImageShape image, int dx, int dy)
    {
        for (var y = 0; y < image.Height; y++)
        {
            var sy = y - dy;
            for (var x = 0; x < image.Width; x++)
            {
                var sx = x - dx;
                target[y * image.Width + x] = sx >= 0 && sx < image.Width && sy >= 0 && sy < image.Height
                    ? source[sy * image.Width + sx]
                    : 0f;
            }
        }
    }
}
