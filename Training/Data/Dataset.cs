namespace GateForge.Training.Data;

/// <summary>
/// A labelled table of raw feature values: <see cref="Count"/> rows × <see cref="FeatureCount"/>
/// features, row-major in <see cref="Features"/>. Values are kept raw (pixel bytes 0..255,
/// measurements as read); a categorical feature stores its category index (0, 1, 2, …).
/// Treat the arrays as read-only: subsets copy them.
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, float[] features, int featureCount, int[] labels, int classCount,
        string[] featureNames, FeatureKind[] kinds, string[][]? categories, string[] classNames,
        ValueRange? nominalRange = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(featureNames);
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(classNames);
        if (featureCount < 1)
            throw new ArgumentException($"data set {name}: needs at least one feature", nameof(featureCount));
        if ((long)labels.Length * featureCount != features.Length)
            throw new ArgumentException(
                $"data set {name}: {features.Length} feature values is not {labels.Length} rows × {featureCount} features",
                nameof(features));
        if (featureNames.Length != featureCount || kinds.Length != featureCount)
            throw new ArgumentException($"data set {name}: feature names and kinds must have {featureCount} entries", nameof(featureNames));
        if (classCount < 1 || classNames.Length != classCount)
            throw new ArgumentException($"data set {name}: {classNames.Length} class names for {classCount} classes", nameof(classNames));
        foreach (var label in labels)
            if ((uint)label >= (uint)classCount)
                throw new ArgumentException($"data set {name}: label {label} outside 0..{classCount - 1}", nameof(labels));
        if (categories is not null && categories.Length != featureCount)
            throw new ArgumentException($"data set {name}: categories must have {featureCount} entries", nameof(categories));
        for (var f = 0; f < featureCount; f++)
        {
            if (kinds[f] == FeatureKind.Categorical && (categories is null || categories[f].Length == 0))
                throw new ArgumentException($"data set {name}: categorical feature {featureNames[f]} has no categories", nameof(categories));
        }

        (Name, Features, FeatureCount, Labels, ClassCount) = (name, features, featureCount, labels, classCount);
        (FeatureNames, Kinds, Categories, ClassNames, NominalRange) = (featureNames, kinds, categories, classNames, nominalRange);
    }

    public string Name { get; }

    /// <summary>Number of rows (samples).</summary>
    public int Count => Labels.Length;

    public int FeatureCount { get; }

    /// <summary>Raw values, row-major: value of feature f in row r is <c>Features[r * FeatureCount + f]</c>.</summary>
    public float[] Features { get; }

    /// <summary>Class index of each row, 0..ClassCount-1.</summary>
    public int[] Labels { get; }

    public int ClassCount { get; }

    public string[] FeatureNames { get; }

    public FeatureKind[] Kinds { get; }

    /// <summary>
    /// Per feature, the category names of a categorical feature (index = stored value) and an empty
    /// array for a numeric one; null when no feature is categorical.
    /// </summary>
    public string[][]? Categories { get; }

    public string[] ClassNames { get; }

    /// <summary>
    /// The range every numeric feature can take by the nature of the data (0..255 for IDX image
    /// bytes), as opposed to the range seen in this sample; null when unknown. Encoders place uniform
    /// thresholds over it.
    /// </summary>
    public ValueRange? NominalRange { get; }

    /// <summary>Width and height when the rows are images stored row by row (IDX); null otherwise.</summary>
    public ImageShape? Image { get; init; }

    /// <summary>True when some feature is categorical.</summary>
    public bool HasCategorical => Array.IndexOf(Kinds, FeatureKind.Categorical) >= 0;

    /// <summary>The category names of feature <paramref name="feature"/>; empty for a numeric feature.</summary>
    public string[] CategoriesOf(int feature) => Categories?[feature] ?? [];

    /// <summary>The raw values of one row.</summary>
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>The value of one feature in one row.</summary>
    public float this[int row, int feature] => Features[row * FeatureCount + feature];

    /// <summary>The given rows, in the given order (repeats allowed), as a new data set with the same schema.</summary>
    public Dataset Subset(int[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var features = new float[rows.Length * FeatureCount];
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if ((uint)r >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(rows), $"row {r} outside 0..{Count - 1} of data set {Name}");
            Array.Copy(Features, r * FeatureCount, features, i * FeatureCount, FeatureCount);
            labels[i] = Labels[r];
        }
        return new Dataset(Name, features, FeatureCount, labels, ClassCount, FeatureNames, Kinds, Categories, ClassNames, NominalRange) { Image = Image };
    }

    /// <summary>The first <paramref name="n"/> rows (all of them when n ≥ Count).</summary>
    public Dataset Take(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n >= Count)
            return this;
        var rows = new int[n];
        for (var i = 0; i < n; i++)
            rows[i] = i;
        return Subset(rows);
    }

    /// <summary>The same data under another name.</summary>
    public Dataset WithName(string name) =>
        new(name, Features, FeatureCount, Labels, ClassCount, FeatureNames, Kinds, Categories, ClassNames, NominalRange) { Image = Image };

    /// <summary>The same data with the given class names (their number becomes <see cref="ClassCount"/>).</summary>
    public Dataset WithClassNames(string[] classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        return new(Name, Features, FeatureCount, Labels, classNames.Length, FeatureNames, Kinds, Categories, classNames, NominalRange) { Image = Image };
    }

    /// <summary>Rows per class, indexed by class.</summary>
    public int[] ClassHistogram()
    {
        var histogram = new int[ClassCount];
        foreach (var label in Labels)
            histogram[label]++;
        return histogram;
    }

    public override string ToString() =>
        $"{Name}: {Count} rows × {FeatureCount} features, {ClassCount} classes";
}

/// <summary>The size of an image whose pixels are stored row by row.</summary>
public readonly record struct ImageShape(int Width, int Height);
