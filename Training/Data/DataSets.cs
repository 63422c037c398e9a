using System.Globalization;

namespace GateForge.Training.Data;

/// <summary>
/// Loads a train/test split by name:
/// <list type="bullet">
/// <item><c>mnist-10k</c> (the default): the embedded 8,000/2,000 digits in <c>data/mnist-10k</c>;</item>
/// <item><c>fashion-mnist</c>: 60,000/10,000 from <c>/usr/share/datasets/fashion-mnist</c> (Debian package dataset-fashion-mnist);</item>
/// <item><c>monk1</c>, <c>monk2</c>, <c>monk3</c>: <see cref="Monk.Generate"/>;</item>
/// <item><c>parity&lt;N&gt;</c>, <c>majority&lt;N&gt;</c>, <c>and&lt;N&gt;</c>, <c>comparator&lt;W&gt;</c>, <c>popcount&lt;N&gt;</c>: <see cref="Synthetic"/>;</item>
/// <item><c>idx:&lt;dir&gt;</c>: a folder holding the four standard MNIST-named IDX files (gzip or not);</item>
/// <item><c>csv:&lt;path&gt;[:label=&lt;column&gt;]</c>: one CSV file (label column by name or index,
/// default the last); its test set is a seeded 20% holdout.</item>
/// </list>
/// </summary>
public static class DataSets
{
    public const string DefaultSpec = "mnist-10k";

    /// <summary>Where the Debian package dataset-fashion-mnist installs its files.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Share of a CSV file's rows held out as its test set.</summary>
    public const double CsvHoldoutShare = 0.2;

    private const ulong CsvHoldoutSeed = 0x484F4C444F5554; // "HOLDOUT"

    /// <summary>The spec forms, for help texts and errors.</summary>
    public static IReadOnlyList<string> ValidSpecs { get; } =
    [
        "mnist-10k", "fashion-mnist", "monk1", "monk2", "monk3", "parity<N>", "majority<N>", "and<N>",
        "comparator<W>", "popcount<N>", "bars", "idx:<dir>", "csv:<path>[:label=<column>]",
        StreamTasks.ParityName, StreamTasks.MajorityName, StreamTasks.Div3Name, "seqcsv:<path>[:id=<column>][:label=<column>]",
    ];

    private static readonly string[] FashionClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly string[] SyntheticPrefixes = ["parity", "majority", "and", "comparator", "popcount"];

    /// <summary>
    /// The spec with its file path (<c>csv:</c>) or folder (<c>idx:</c>) made absolute against
    /// <paramref name="baseDirectory"/> (default: the current folder), so that a checkpoint that
    /// records it finds its data from any folder. Other specs are returned as they are.
    /// </summary>
    public static string Anchored(string spec, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec = spec.Trim();
        var root = baseDirectory ?? Environment.CurrentDirectory;
        if (spec.StartsWith("idx:", StringComparison.Ordinal))
            return "idx:" + Path.GetFullPath(spec[4..], root);
        if (SequenceCsv.IsSpec(spec))
            return SequenceCsv.Anchored(spec, root);
        if (!spec.StartsWith("csv:", StringComparison.Ordinal))
            return spec;
        var rest = spec[4..];
        var at = rest.LastIndexOf(":label=", StringComparison.Ordinal);
        var (path, label) = at >= 0 ? (rest[..at], rest[at..]) : (rest, "");
        return "csv:" + Path.GetFullPath(path, root) + label;
    }

    /// <summary>
    /// Loads a spec that a checkpoint or a report recorded (<paramref name="recordedIn"/> names it),
    /// not the user: data that has moved is a one-line error that says so and what to pass.
    /// </summary>
    public static DataSplit LoadRecorded(string spec, string recordedIn)
    {
        try
        {
            return Load(spec);
        }
        catch (Exception e) when (e is DataFormatException or TrainingException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TrainingException($"the data set {spec} that {recordedIn} names cannot be loaded ({e.Message}); was it moved? pass --data to name it", e);
        }
    }

    /// <summary>
    /// Loads the split named by <paramref name="spec"/>. <paramref name="dataRoot"/> is the folder
    /// holding <c>mnist-10k/</c>; when null it is found by <see cref="FindDataRoot"/>.
    /// </summary>
    public static DataSplit Load(string spec, string? dataRoot = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec = spec.Trim();
        if (spec.StartsWith("idx:", StringComparison.Ordinal))
            return LoadIdxFolder(spec[4..], Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(spec[4..]))), null);
        if (spec.StartsWith("csv:", StringComparison.Ordinal))
            return LoadCsv(spec[4..]);
        switch (spec)
        {
            case "mnist-10k":
                var root = dataRoot ?? FindDataRoot()
                    ?? throw new DataFormatException(
                        $"data set mnist-10k: folder data/mnist-10k not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; set GATEFORGE_DATA or pass the data folder");
                return LoadIdxFolder(Path.Combine(root, "mnist-10k"), "mnist-10k", null);
            case "fashion-mnist":
                if (!Directory.Exists(FashionMnistDirectory))
                    throw new DataFormatException(
                        $"data set fashion-mnist: {FashionMnistDirectory} not found; install it with `apt-get install dataset-fashion-mnist`");
                return LoadIdxFolder(FashionMnistDirectory, "fashion-mnist", FashionClassNames);
            case "monk1":
                return Monk.Generate(1);
            case "monk2":
                return Monk.Generate(2);
            case "monk3":
                return Monk.Generate(3);
            case "bars":
                return Synthetic.Bars();
        }
        foreach (var prefix in SyntheticPrefixes)
        {
            if (spec.Length > prefix.Length && spec.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(spec.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return LoadSynthetic(prefix, n, spec);
        }
        throw new ArgumentException($"unknown data set '{spec}'; valid: {string.Join(", ", ValidSpecs)}", nameof(spec));
    }

    /// <summary>Environment variable naming the data folder explicitly (checked first by <see cref="FindDataRoot"/>).</summary>
    public const string DataRootVariable = "GATEFORGE_DATA";

    /// <summary>
    /// The <c>data</c> folder holding <c>mnist-10k/</c>: <c>$GATEFORGE_DATA</c> when set, else searched
    /// upwards from the application's base directory and then from the current directory; null when
    /// there is none.
    /// </summary>
    public static string? FindDataRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DataRootVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        return FindDataRoot([AppContext.BaseDirectory, Environment.CurrentDirectory]);
    }

    /// <summary>The first <c>data</c> folder holding <c>mnist-10k/</c> found upwards from each start folder in turn.</summary>
    public static string? FindDataRoot(IEnumerable<string> startDirectories)
    {
        ArgumentNullException.ThrowIfNull(startDirectories);
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (Directory.Exists(Path.Combine(candidate, "mnist-10k")))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Reads <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-…</c> (each with or without <c>.gz</c>).</summary>
    public static DataSplit LoadIdxFolder(string folder, string name, string[]? classNames)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(name);
        if (!Directory.Exists(folder))
            throw new DataFormatException($"{folder}: IDX data folder not found");
        var train = IdxReader.Read(IdxFile(folder, "train-images-idx3-ubyte"), IdxFile(folder, "train-labels-idx1-ubyte"), name);
        var test = IdxReader.Read(IdxFile(folder, "t10k-images-idx3-ubyte"), IdxFile(folder, "t10k-labels-idx1-ubyte"), name);
        if (train.FeatureCount != test.FeatureCount)
            throw new DataFormatException($"{folder}: train images have {train.FeatureCount} pixels, test images {test.FeatureCount}");
        var classes = classNames ?? (train.ClassCount >= test.ClassCount ? train.ClassNames : test.ClassNames);
        if (classes.Length < Math.Max(train.ClassCount, test.ClassCount))
            throw new DataFormatException($"{folder}: labels go up to {Math.Max(train.ClassCount, test.ClassCount) - 1}, more than the {classes.Length} classes of {name}");
        return new DataSplit(train.WithClassNames(classes), test.WithClassNames(classes));
    }

    /// <summary>
    /// Splits a data set into a seeded holdout of <paramref name="testShare"/> of its rows (at least one)
    /// and the rest, both in the original row order.
    /// </summary>
    public static DataSplit Holdout(Dataset data, double testShare, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Count < 2)
            throw new DataFormatException($"data set {data.Name}: {data.Count} row(s), too few to hold out a test set");
        var testCount = Math.Clamp((int)Math.Round(testShare * data.Count), 1, data.Count - 1);
        var order = new SeededRandom(seed).Permutation(data.Count);
        var test = order[..testCount];
        var train = order[testCount..];
        Array.Sort(test);
        Array.Sort(train);
        return new DataSplit(data.Subset(train), data.Subset(test));
    }

    private static string IdxFile(string folder, string stem)
    {
        var plain = Path.Combine(folder, stem);
        if (File.Exists(plain))
            return plain;
        var gz = plain + ".gz";
        if (File.Exists(gz))
            return gz;
        throw new DataFormatException($"{folder}: missing IDX file {stem} (or {stem}.gz)");
    }

    private static DataSplit LoadCsv(string rest)
    {
        var path = rest;
        var options = new CsvOptions();
        var at = rest.LastIndexOf(":label=", StringComparison.Ordinal);
        if (at >= 0)
        {
            path = rest[..at];
            var column = rest[(at + ":label=".Length)..];
            options = int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? options with { LabelIndex = index }
                : options with { LabelColumn = column };
        }
        if (path.Length == 0)
            throw new ArgumentException("data set spec csv:<path>[:label=<column>] needs a path", nameof(rest));
        if (!File.Exists(path))
            throw new DataFormatException($"{path}: CSV file not found");
        return Holdout(CsvReader.Read(path, options), CsvHoldoutShare, CsvHoldoutSeed);
    }

    private static DataSplit LoadSynthetic(string prefix, int n, string spec)
    {
        var limit = prefix == "comparator" ? Synthetic.MaxBits / 2 : Synthetic.MaxBits;
        if (n < 1 || n > limit)
            throw new ArgumentException($"data set '{spec}': {prefix} takes 1..{limit}", nameof(spec));
        return prefix switch
        {
            "parity" => Synthetic.Parity(n),
            "majority" => Synthetic.Majority(n),
            "and" => Synthetic.And(n),
            "comparator" => Synthetic.Comparator(n),
            _ => Synthetic.PopCount(n),
        };
    }
}
