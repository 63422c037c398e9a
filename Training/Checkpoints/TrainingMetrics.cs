using System.Globalization;
using System.Text;
using GateForge.Ir;

namespace GateForge.Training.Checkpoints;

/// <summary>One row of a checkpoint's <c>metrics.csv</c>: an evaluation during training.</summary>
public sealed record MetricsRow(
    int Step,
    double Epoch,
    double Loss,
    double BatchAccuracy,
    double SoftAccuracy,
    double DiscreteAccuracy,
    double GapPoints,
    double SamplesPerSecond,
    double Seconds,
    double? ValidationAccuracy);

/// <summary>
/// The one writer and reader of <c>metrics.csv</c>. A row that does not parse (a field missing or
/// extra, a number that is not one, steps not increasing) is a <see cref="TrainingException"/>
/// naming the file and line, never skipped. Files from before the validation column (nine
/// columns) read with <see cref="MetricsRow.ValidationAccuracy"/> null and are written back with
/// the column, empty.
/// </summary>
public static class TrainingMetrics
{
    private const string HeaderWithoutValidation = "step,epoch,loss,batch_accuracy,soft_accuracy,discrete_accuracy,gap_points,samples_per_second,seconds";
    public const string Header = HeaderWithoutValidation + ",validation_accuracy";

    /// <summary>One row as written (no line end).</summary>
    public static string Line(MetricsRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Step},{r.Epoch:F3},{r.Loss:G6},{r.BatchAccuracy:F4},{r.SoftAccuracy:F4},{r.DiscreteAccuracy:F4},{r.GapPoints:F2},{r.SamplesPerSecond:F1},{r.Seconds:F2},{r.ValidationAccuracy:F4}");

    /// <summary>The whole file: the header and a line per row, each ending in a newline.</summary>
    public static string Format(IEnumerable<MetricsRow> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows)
            text.Append(Line(row)).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads <paramref name="csv"/> (the text of <paramref name="source"/>); an empty text has no rows.</summary>
    public static IReadOnlyList<MetricsRow> Parse(string csv, string source)
    {
        var rows = new List<MetricsRow>();
        if (csv.Length == 0)
            return rows;
        var lines = csv.EndsWith('\n') ? csv[..^1].Split('\n') : csv.Split('\n');
        var header = lines[0].TrimEnd('\r');
        if (header is not (Header or HeaderWithoutValidation))
            throw new TrainingException($"{source}:1: not a metrics header (expected \"{Header}\")");
        var columns = header.Split(',');
        for (var i = 1; i < lines.Length; i++)
        {
            var row = Row(lines[i].TrimEnd('\r').Split(','), columns, $"{source}:{i + 1}");
            if (rows.Count > 0 && row.Step <= rows[^1].Step)
                throw new TrainingException($"{source}:{i + 1}: step {row.Step} does not follow step {rows[^1].Step}");
            rows.Add(row);
        }
        return rows;
    }

    private static MetricsRow Row(string[] f, string[] columns, string at)
    {
        if (f.Length != columns.Length)
            throw new TrainingException($"{at}: {f.Length} fields, the header has {columns.Length}");
        double Number(int k) => double.TryParse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new TrainingException($"{at}: {columns[k]} '{Excerpt.Of(f[k])}' is not a number");
        if (!int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var step))
            throw new TrainingException($"{at}: step '{Excerpt.Of(f[0])}' is not a step number");
        double? validation = columns.Length > 9 && f[9].Length > 0 ? Number(9) : null;
        return new MetricsRow(step, Number(1), Number(2), Number(3), Number(4), Number(5), Number(6), Number(7), Number(8), validation);
    }
}
