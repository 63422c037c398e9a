using System.Globalization;

namespace GateForge.Training.Data;

/// <summary>
/// Sequences from a CSV file (SPEC §8), data spec <c>seqcsv:&lt;path&gt;[:id=&lt;column&gt;][:label=&lt;column&gt;]</c>.
/// Layout: a header row, then one row per step. The id column (default: the first) names the
/// sequence; a sequence's rows are consecutive, in step order. The label column (default: the last)
/// gives the class, read on each sequence's last row (other rows' labels are not used: a stream may
/// label only its end). Every other column is one input bit per step, 0 or 1 (F = their count).
/// Classes are the label values in ordinal order; a seeded 20 % of the sequences is the test set.
/// </summary>
public static class SequenceCsv
{
    public const string Prefix = "seqcsv:";
    public const double HoldoutShare = 0.2;
    private const ulong HoldoutSeed = 0x5345514353_5601UL;

    public static bool IsSpec(string spec) => spec.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The spec's parts: the path, and the id and label columns when named.</summary>
    public static (string Path, string? Id, string? Label) Parse(string spec)
    {
        if (!IsSpec(spec))
            throw new ArgumentException($"not a {Prefix} spec: {spec}", nameof(spec));
        var rest = spec[Prefix.Length..];
        string? id = null, label = null;
        while (true)
        {
            var colon = rest.LastIndexOf(':');
            if (colon < 0)
                break;
            var option = rest[(colon + 1)..];
            if (option.StartsWith("id=", StringComparison.Ordinal))
                id ??= option[3..];
            else if (option.StartsWith("label=", StringComparison.Ordinal))
                label ??= option[6..];
            else
                break;
            rest = rest[..colon];
        }
        return (rest, id, label);
    }

    /// <summary>The spec with its path made absolute against <paramref name="root"/> (for checkpoints that work from any folder).</summary>
    public static string Anchored(string spec, string root)
    {
        var (path, id, label) = Parse(spec);
        return Prefix + System.IO.Path.GetFullPath(path, root) + (id is null ? "" : ":id=" + id) + (label is null ? "" : ":label=" + label);
    }

    public static SequenceSplit Load(string spec)
    {
        var (path, id, label) = Parse(spec);
        if (!File.Exists(path))
            throw new DataFormatException($"{path}: sequence CSV file not found");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read: {e.Message}", e);
        }
        return Split(Parse(text, path, id, label));
    }

    /// <summary>All sequences of a sequence CSV text (<paramref name="source"/> names it in errors).</summary>
    public static SequenceSet Parse(string text, string source, string? idColumn = null, string? labelColumn = null)
    {
        var records = CsvTokenizer.Split(text, ',', source);
        if (records.Count == 0)
            throw new DataFormatException($"{source}:1: empty file, expected a header row");
        var header = records[0].Fields.Select(f => f.Trim()).ToArray();
        if (records.Count == 1)
            throw new DataFormatException($"{source}:{records[0].Line}: header only, no step rows");
        var idAt = Column(header, idColumn, 0, "id", source);
        var labelAt = Column(header, labelColumn, header.Length - 1, "label", source);
        if (idAt == labelAt)
            throw new DataFormatException($"{source}: the id and the label are the same column ('{Ir.Excerpt.Of(header[idAt])}')");
        var features = Enumerable.Range(0, header.Length).Where(c => c != idAt && c != labelAt).ToArray();
        if (features.Length == 0)
            throw new DataFormatException($"{source}: no input column besides the id and the label");

        var bits = new List<byte>();
        var lengths = new List<int>();
        var labels = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var record in records.Skip(1))
        {
            var fields = record.Fields;
            if (fields.Length == 1 && fields[0].Length == 0)
                continue; // blank line
            if (fields.Length != header.Length)
                throw new DataFormatException($"{source}:{record.Line}: {fields.Length} fields, the header has {header.Length}");
            var id = fields[idAt].Trim();
            if (id != current)
            {
                if (!seen.Add(id))
                    throw new DataFormatException($"{source}:{record.Line}: sequence '{Ir.Excerpt.Of(id)}' continues after other rows; a sequence's rows must be consecutive");
                current = id;
                lengths.Add(0);
                labels.Add("");
            }
            foreach (var c in features)
            {
                var v = fields[c].Trim();
                bits.Add(v switch
                {
                    "0" => 0,
                    "1" => 1,
                    _ => throw new DataFormatException($"{source}:{record.Line}: column '{Ir.Excerpt.Of(header[c])}' is '{Ir.Excerpt.Of(v)}'; input columns hold bits, 0 or 1"),
                });
            }
            lengths[^1]++;
            labels[^1] = fields[labelAt].Trim();
        }
        if (lengths.Count == 0)
            throw new DataFormatException($"{source}: no step rows");
        var empty = labels.FindIndex(l => l.Length == 0);
        if (empty >= 0)
            throw new DataFormatException($"{source}: sequence {empty + 1} has no label on its last row");
        var classes = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
            throw new DataFormatException($"{source}: every sequence has the label '{Ir.Excerpt.Of(classes[0])}'; a classifier needs at least two classes");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var name = System.IO.Path.GetFileNameWithoutExtension(source);
        return new SequenceSet(name, features.Length, [.. bits], [.. lengths], [.. labels.Select(l => index[l])], classes.Count);
    }

    /// <summary>A seeded split of whole sequences: 20 % test (at least one), the rest training.</summary>
    public static SequenceSplit Split(SequenceSet all)
    {
        if (all.Count < 5)
            throw new DataFormatException($"{all.Name}: {all.Count} sequences; at least 5 are needed to hold out a test set");
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(unchecked((int)HoldoutSeed)).Shuffle(order);
        var test = Math.Max(1, (int)Math.Round(all.Count * HoldoutShare));
        return new SequenceSplit(all.Subset([.. order[test..].Order()]), all.Subset([.. order[..test].Order()]));
    }

    private static int Column(string[] header, string? name, int fallback, string what, string source)
    {
        if (name is null)
            return fallback;
        var at = Array.IndexOf(header, name);
        if (at >= 0)
            return at;
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < header.Length)
            return i;
        throw new DataFormatException($"{source}: no {what} column '{Ir.Excerpt.Of(name)}' (columns: {Ir.Excerpt.Of(string.Join(", ", header), 80)})");
    }
}

/// <summary>The sequence data sets: stream tasks and sequence CSV files (image rows come from image data sets).</summary>
public static class SequenceData
{
    public static bool IsSequenceSpec(string spec) => StreamTasks.IsStreamSpec(spec) || SequenceCsv.IsSpec(spec);

    public static SequenceSplit Load(string spec) => SequenceCsv.IsSpec(spec) ? SequenceCsv.Load(spec) : StreamTasks.Load(spec);
}
