using System.Globalization;
using System.Text;

namespace GateForge.Training.Data;

/// <summary>
/// Reads a CSV table with a header row into a <see cref="Dataset"/>. Fields follow RFC 4180:
/// a field may be quoted with <c>"</c> (then it may hold the delimiter, line breaks and <c>""</c>
/// for a quote); unquoted fields are trimmed. Blank lines are skipped. A column is categorical when
/// listed in <see cref="CsvOptions.CategoricalColumns"/> or when one of its values is not a number;
/// categories and class names are sorted (numerically when they all parse as numbers, else
/// ordinally), so the same file always gives the same indices.
/// </summary>
public static class CsvReader
{
    public static Dataset Read(string path, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        string text;
        try
        {
            text = File.ReadAllText(path, System.Text.Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException($"{path}: cannot read: {e.Message}", e);
        }
        return Parse(text, path, options);
    }

    /// <summary>Parses CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static Dataset Parse(string text, string source, CsvOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var records = CsvTokenizer.Split(text, options.Delimiter, source);
        if (records.Count == 0)
            throw new DataFormatException($"{source}:1: empty file, expected a header row");
        var header = records[0].Fields;
        if (records.Count == 1)
            throw new DataFormatException($"{source}:{records[0].Line}: header only, no data rows");
        for (var i = 1; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Fields.Length != header.Length)
                throw new DataFormatException(
                    $"{source}:{record.Line}: {record.Fields.Length} fields, expected {header.Length} as in the header");
        }

        var labelColumn = FindLabelColumn(header, options, source, records[0].Line);
        var categorical = new HashSet<int>();
        foreach (var column in options.CategoricalColumns)
        {
            var index = Array.IndexOf(header, column);
            if (index < 0)
                throw new DataFormatException(
                    $"{source}:{records[0].Line}: categorical column '{column}' not found in header ({string.Join(", ", header)})");
            categorical.Add(index);
        }

        var rows = records.Count - 1;
        var featureColumns = Enumerable.Range(0, header.Length).Where(c => c != labelColumn).ToArray();
        if (featureColumns.Length == 0)
            throw new DataFormatException($"{source}:{records[0].Line}: no feature columns besides the label column");
        var featureCount = featureColumns.Length;
        var features = new float[rows * featureCount];
        var kinds = new FeatureKind[featureCount];
        var categories = new string[featureCount][];
        for (var f = 0; f < featureCount; f++)
        {
            var column = featureColumns[f];
            var isCategorical = categorical.Contains(column) || !AllNumeric(records, column);
            if (isCategorical)
            {
                kinds[f] = FeatureKind.Categorical;
                categories[f] = SortedDistinct(records, column);
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < categories[f].Length; c++)
                    index[categories[f][c]] = c;
                for (var r = 0; r < rows; r++)
                    features[r * featureCount + f] = index[records[r + 1].Fields[column]];
            }
            else
            {
                categories[f] = [];
                for (var r = 0; r < rows; r++)
                {
                    var field = records[r + 1].Fields[column];
                    if (field.Length == 0)
                        throw new DataFormatException($"{source}:{records[r + 1].Line}: empty value in numeric column '{header[column]}'");
                    var value = float.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (!float.IsFinite(value))
                        throw new DataFormatException($"{source}:{records[r + 1].Line}: value '{field}' in column '{header[column]}' is not a finite number");
                    features[r * featureCount + f] = value;
                }
            }
        }

        var classNames = SortedDistinct(records, labelColumn);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < classNames.Length; c++)
            classIndex[classNames[c]] = c;
        var labels = new int[rows];
        for (var r = 0; r < rows; r++)
        {
            var field = records[r + 1].Fields[labelColumn];
            if (field.Length == 0)
                throw new DataFormatException($"{source}:{records[r + 1].Line}: empty label in column '{header[labelColumn]}'");
            labels[r] = classIndex[field];
        }

        var name = options.Name ?? Path.GetFileNameWithoutExtension(source);
        var featureNames = featureColumns.Select(c => header[c]).ToArray();
        var anyCategorical = Array.IndexOf(kinds, FeatureKind.Categorical) >= 0;
        return new Dataset(name, features, featureCount, labels, classNames.Length, featureNames, kinds,
            anyCategorical ? categories : null, classNames);
    }

    private static int FindLabelColumn(string[] header, CsvOptions options, string source, int line)
    {
        if (options.LabelColumn is { } name)
        {
            var index = Array.IndexOf(header, name);
            if (index < 0)
                throw new DataFormatException($"{source}:{line}: label column '{name}' not found in header ({string.Join(", ", header)})");
            return index;
        }
        if (options.LabelIndex is { } given)
        {
            if (given < 0 || given >= header.Length)
                throw new DataFormatException($"{source}:{line}: label column index {given} outside 0..{header.Length - 1}");
            return given;
        }
        return header.Length - 1;
    }

    private static bool AllNumeric(List<CsvRecord> records, int column)
    {
        for (var r = 1; r < records.Count; r++)
        {
            var field = records[r].Fields[column];
            if (field.Length > 0 && !float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                return false;
        }
        return true;
    }

    /// <summary>The column's distinct values, numerically sorted when all are numbers, else ordinally.</summary>
    private static string[] SortedDistinct(List<CsvRecord> records, int column)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 1; r < records.Count; r++)
            values.Add(records[r].Fields[column]);
        var sorted = values.ToArray();
        var numeric = sorted.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        Array.Sort(sorted, numeric ? CompareNumerically : StringComparer.Ordinal);
        return sorted;
    }

    private static readonly Comparer<string> CompareNumerically = Comparer<string>.Create((a, b) =>
    {
        var x = double.Parse(a, NumberStyles.Float, CultureInfo.InvariantCulture);
        var y = double.Parse(b, NumberStyles.Float, CultureInfo.InvariantCulture);
        var byValue = x.CompareTo(y);
        return byValue != 0 ? byValue : string.CompareOrdinal(a, b);
    });
}
