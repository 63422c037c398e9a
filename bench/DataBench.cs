using GateForge.Training.Data;
using GateForge.Training.Encoding;

namespace GateForge.Bench;

/// <summary>Reading the data sets and encoding them into input bits (the trainer's input path).</summary>
internal sealed class DataBench : IBenchmark
{
    public string Name => "data";

    public string Summary => "IDX reading and thermometer encoding of MNIST-sized data";

    public void Run(BenchContext context)
    {
        var (load, mnist) = Time(() => DataSets.Load("mnist-10k"));
        context.Report(Name, "read mnist-10k (8,000 + 2,000 gzip IDX)", Ms(load));
        var all = Concat(mnist.Train, mnist.Test);

        foreach (var (bits, mode) in new[] { (1, ThresholdMode.Uniform), (8, ThresholdMode.Uniform), (8, ThresholdMode.Quantile) })
        {
            var (plan, encoder) = Time(() => InputEncoder.Thermometer(mnist.Train, bits, mode));
            var dst = new byte[all.Count * encoder.BitCount];
            encoder.Encode(all, dst);
            var encode = Best(() => encoder.Encode(all, dst));
            var floats = new float[all.Count * encoder.BitCount];
            var encodeFloat = Best(() => encoder.EncodeToFloat(all, floats));
            var label = $"{bits} bit{(bits > 1 ? "s" : "")} {mode.ToString().ToLowerInvariant()}";
            context.Report(Name, $"plan thresholds, {label} (8,000 images)", Ms(plan));
            context.Report(Name, $"encode 10,000 images to bytes, {label}", Ms(encode), "well under 1 s");
            context.Report(Name, $"encode 10,000 images to floats, {label}", Ms(encodeFloat), "well under 1 s");
        }

        if (!context.Quick && Directory.Exists(DataSets.FashionMnistDirectory))
        {
            var (fashion, split) = Time(() => DataSets.Load("fashion-mnist"));
            context.Report(Name, $"read fashion-mnist ({split.Train.Count:N0} + {split.Test.Count:N0} gzip IDX)", Ms(fashion));
        }
    }

    private static Dataset Concat(Dataset a, Dataset b) =>
        new(a.Name, [.. a.Features, .. b.Features], a.FeatureCount, [.. a.Labels, .. b.Labels], a.ClassCount,
            a.FeatureNames, a.Kinds, a.Categories, a.ClassNames, a.NominalRange);

    private static (TimeSpan, T) Time<T>(Func<T> action)
    {
        var watch = Stopwatch.StartNew();
        var result = action();
        return (watch.Elapsed, result);
    }

    /// <summary>Best of five runs.</summary>
    private static TimeSpan Best(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }
        return best;
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture) + " ms";
}
