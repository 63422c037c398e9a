using System.Globalization;
using System.Text.Json;
using GateForge.Ir;

namespace GateForge.Flow.Reports;

/// <summary>
/// What `gateforge train` adds to a checkpoint folder, <c>gateforge-train.json</c>: the data set it
/// was trained on (so `freeze` and `verify` find the test set) and the dense loss curve from the
/// progress reports (the checkpoint's metrics.csv has a row per evaluation only).
/// </summary>
public sealed class TrainingRecord
{
    public const string FileName = "gateforge-train.json";

    public string Dataset { get; set; } = "";
    public List<int> Step { get; set; } = [];
    public List<double> Loss { get; set; } = [];

    public static TrainingRecord? Load(string checkpointDir)
    {
        var path = Path.Combine(checkpointDir, FileName);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ReportJsonContext.Default.TrainingRecord);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed: {e.Message}", e);
        }
    }

    public void Save(string checkpointDir) =>
        AtomicOutput.WriteText(Path.Combine(checkpointDir, FileName), JsonSerializer.Serialize(this, ReportJsonContext.Default.TrainingRecord) + "\n");

    /// <summary>Training curves: the dense loss of this record, accuracies from the checkpoint's metrics.csv.</summary>
    public static TrainingCurves Curves(TrainingRecord? record, string metricsCsv)
    {
        var curves = new TrainingCurves();
        var evals = ParseMetrics(metricsCsv);
        if (record is { Step.Count: > 0 })
        {
            var byStep = evals.ToDictionary(e => e.Step);
            for (var i = 0; i < record.Step.Count && i < record.Loss.Count; i++)
            {
                curves.Step.Add(record.Step[i]);
                curves.Loss.Add(record.Loss[i]);
                var hit = byStep.TryGetValue(record.Step[i], out var e);
                curves.SoftAccuracy.Add(hit ? e.Soft : null);
                curves.DiscreteAccuracy.Add(hit ? e.Discrete : null);
            }
            return curves;
        }
        foreach (var e in evals)
        {
            curves.Step.Add(e.Step);
            curves.Loss.Add(e.Loss);
            curves.SoftAccuracy.Add(e.Soft);
            curves.DiscreteAccuracy.Add(e.Discrete);
        }
        return curves;
    }

    // step,epoch,loss,batch_accuracy,soft_accuracy,discrete_accuracy,gap_points,samples_per_second,seconds
    private static List<(int Step, double Loss, double Soft, double Discrete)> ParseMetrics(string csv)
    {
        var rows = new List<(int, double, double, double)>();
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
            return rows;
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int step = Col("step"), loss = Col("loss"), soft = Col("soft_accuracy"), discrete = Col("discrete_accuracy");
        if (step < 0 || loss < 0 || soft < 0 || discrete < 0)
            return rows;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < header.Length
                || !int.TryParse(f[step], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
                || !double.TryParse(f[loss], NumberStyles.Float, CultureInfo.InvariantCulture, out var l)
                || !double.TryParse(f[soft], NumberStyles.Float, CultureInfo.InvariantCulture, out var sa)
                || !double.TryParse(f[discrete], NumberStyles.Float, CultureInfo.InvariantCulture, out var da))
                continue;
            rows.Add((s, l, sa, da));
        }
        return rows;
    }
}
