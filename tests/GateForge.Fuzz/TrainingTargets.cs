using System.Globalization;
using System.Text;
using GateForge.Training;
using GateForge.Training.Checkpoints;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Fuzz;

/// <summary>
/// The training-side readers: IDX, CSV, a checkpoint folder and the model config. Data readers
/// refuse with <see cref="DataFormatException"/>, checkpoints and configs with <see cref="TrainingException"/>.
/// </summary>
public static class TrainingTargets
{
    private static readonly string[] ConfigKeys =
        ["layers", "neurons", "wiring", "parametrization", "init", "classes", "encoderBits", "encoderMode", "oneHot", "seed", "gumbel",
         "gumbelTau", "gradFactor", "tau", "learningRate", "batchSize", "steps", "epochs", "evalEvery", "threads", "shiftAugment", "validation", "bogus"];

    private static readonly string[] ConfigWords = ["random", "unique", "iwp", "softmax16", "residual", "gaussian", "quantile", "uniform", "", "é"];

    /// <summary>Images (the input) read with a fixed valid label file of 3 labels; the input is also read as a bare tensor.</summary>
    public static FuzzTarget Idx(string scratchDir)
    {
        Directory.CreateDirectory(scratchDir);
        var images = Path.Combine(scratchDir, "images.idx");
        var labels = Path.Combine(scratchDir, "labels.idx");
        File.WriteAllBytes(labels, [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 2]);
        return new FuzzTarget
        {
            Name = "idx",
            Seeds = [IdxBytes([3, 2, 2], 12), IdxBytes([3, 4], 12)],
            Generate = rng =>
            {
                var dims = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => rng.Next(8) == 0 ? int.MaxValue - rng.Next(3) : rng.Next(5)).ToArray();
                var elements = dims.Aggregate(1L, (p, d) => p * d);
                return IdxBytes(dims, (int)Math.Clamp(elements + rng.Next(-2, 3), 0, 64), type: rng.Next(6) == 0 ? (byte)0x0d : (byte)0x08);
            },
            Read = data =>
            {
                File.WriteAllBytes(images, data);
                try
                {
                    IdxReader.Read(images, labels, "fuzz");
                }
                finally
                {
                    IdxReader.ReadTensor(images);
                }
            },
            Documented = [typeof(DataFormatException)],
        };
    }

    private static byte[] IdxBytes(int[] dims, int elements, byte type = 0x08)
    {
        var bytes = new List<byte> { 0, 0, type, (byte)dims.Length };
        foreach (var d in dims)
            bytes.AddRange([(byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d]);
        for (var k = 0; k < elements; k++)
            bytes.Add((byte)(k * 37));
        return [.. bytes];
    }

    public static FuzzTarget Csv() => new()
    {
        Name = "csv",
        Seeds =
        [
            "a,b,label\n1,2,yes\n3,4,no\n5,6,yes\n"u8.ToArray(),
            "colour,size,class\nred,1.5,\"x, y\"\n\"bl\"\"ue\",2,z\ngreen,-3e2,x\n"u8.ToArray(),
        ],
        Generate = GenerateCsv,
        Read = data => CsvReader.Parse(Encoding.UTF8.GetString(data), "fuzz.csv", new CsvOptions()),
        Documented = [typeof(DataFormatException)],
    };

    private static byte[] GenerateCsv(Random rng)
    {
        string[] fields = ["1", "-2.5", "", "NaN", "1e40", "red", "\"a,b\"", "\"x\ny\"", "\"open", "  7 ", "∞", "0x10", "\"\""];
        var columns = 1 + rng.Next(4);
        var sb = new StringBuilder();
        sb.AppendJoin(',', Enumerable.Range(0, columns).Select(c => rng.Next(8) == 0 ? "" : $"c{c % (1 + rng.Next(columns))}"));
        sb.Append('\n');
        for (var row = rng.Next(7); row > 0; row--)
        {
            var width = rng.Next(6) == 0 ? rng.Next(columns + 2) : columns;
            sb.AppendJoin(',', Enumerable.Range(0, width).Select(_ => Grammar.Pick(rng, fields)));
            sb.Append(rng.Next(5) == 0 ? "\r\n" : "\n");
        }
        return Grammar.Ascii(sb);
    }

    /// <summary>
    /// A checkpoint folder with one file replaced: the input's first byte picks the file
    /// (config.json, state.json, weights.bin, best.bin, optimizer.bin), the rest is its content.
    /// </summary>
    public static FuzzTarget CheckpointFolder(string scratchDir)
    {
        var dir = Path.Combine(scratchDir, "ckpt");
        var config = new ModelConfig { Layers = 2, Neurons = 6, Classes = 2, Steps = 10, EvalEvery = 5 };
        var weights = new[] { Layer(4, 6, 16, 1), Layer(6, 6, 16, 2) };
        var state = new TrainingState { InputBits = 4, Step = 10, TotalSteps = 10, BestStep = 5, BestDiscreteAccuracy = 0.5 };
        new Training.Checkpoints.Checkpoint(config, null, state, weights, weights, null, "step,accuracy\n5,0.5\n").Save(dir);
        string[] files = [Training.Checkpoints.Checkpoint.ConfigFile, Training.Checkpoints.Checkpoint.StateFile, Training.Checkpoints.Checkpoint.WeightsFileName, Training.Checkpoints.Checkpoint.BestFile, Training.Checkpoints.Checkpoint.OptimizerFile];
        var originals = files.Select(f => File.Exists(Path.Combine(dir, f)) ? File.ReadAllBytes(Path.Combine(dir, f)) : null).ToArray();
        var seeds = files.Select((f, k) => originals[k] is { } o ? (byte[])[(byte)k, .. o] : null).OfType<byte[]>().ToList();
        return new FuzzTarget
        {
            Name = "checkpoint",
            Seeds = seeds,
            Generate = rng =>
            {
                var k = rng.Next(files.Length);
                if (files[k].EndsWith(".json", StringComparison.Ordinal))
                    return [(byte)k, .. GenerateConfig(rng)];
                var bin = originals[k] ?? originals[2]!;
                var copy = (byte[])bin.Clone();
                var at = rng.Next(Math.Max(1, copy.Length - 4) / 4) * 4;
                BitConverter.GetBytes(rng.Next(4) == 0 ? float.NaN : rng.Next(3) == 0 ? int.MaxValue : rng.Next(-2, 40)).CopyTo(copy, Math.Min(at, copy.Length - 4));
                return [(byte)k, .. copy];
            },
            Read = data =>
            {
                var k = data.Length == 0 ? 0 : data[0] % files.Length;
                var path = Path.Combine(dir, files[k]);
                File.WriteAllBytes(path, data.Length == 0 ? [] : data[1..]);
                try
                {
                    TrainedModel.Load(dir);
                }
                finally
                {
                    if (originals[k] is { } o)
                        File.WriteAllBytes(path, o);
                    else
                        File.Delete(path);
                }
            },
            Documented = [typeof(TrainingException)],
        };
    }

    private static LayerWeights Layer(int inputs, int neurons, int perNeuron, int seed)
    {
        var rng = new Random(seed);
        return new LayerWeights(inputs, [.. Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs))],
            [.. Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs))], perNeuron,
            [.. Enumerable.Range(0, neurons * perNeuron).Select(_ => (float)rng.NextDouble())]);
    }

    public static FuzzTarget ModelConfigJson() => new()
    {
        Name = "model-config",
        Seeds = [Encoding.UTF8.GetBytes(ModelConfig.Demo().ToJson()), "{\"threads\": 1, \"steps\": 50}"u8.ToArray()],
        Generate = GenerateConfig,
        Read = data =>
        {
            var json = Encoding.UTF8.GetString(data);
            try
            {
                ModelConfig.FromJson(json, "fuzz.json");
            }
            finally
            {
                ModelDefaults.Overlay(ModelDefaults.For(DataKind.Tabular), json, "fuzz.json");
            }
        },
        Documented = [typeof(TrainingException)],
    };

    /// <summary>An object of known keys (and one unknown) with values of any JSON type.</summary>
    private static byte[] GenerateConfig(Random rng)
    {
        var keys = Enumerable.Range(0, rng.Next(6)).Select(_ => Grammar.Pick(rng, ConfigKeys)).ToList();
        var body = string.Join(", ", keys.Select(k => $"\"{k}\": {Grammar.JsonValue(rng, ConfigWords)}"));
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{{body}}}"));
    }
}
