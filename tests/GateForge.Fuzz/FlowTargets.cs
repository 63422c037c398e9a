using System.Globalization;
using System.Text;
using GateForge.Flow;
using GateForge.Training;

namespace GateForge.Fuzz;

/// <summary>
/// The pipeline config of `gateforge run` (issue 15): read from a file as `run` reads it, then its
/// model section overlaid on the data kind's defaults. Refused with <see cref="FlowUsageException"/>
/// (the file) or <see cref="TrainingException"/> (the model section).
/// </summary>
public static class FlowTargets
{
    private static readonly string[] Keys =
        ["design", "data", "model", "checkpoint", "skip_training", "output", "opt", "pipeline_every", "axi", "encoder", "vectors",
         "verify", "synth", "synth_yosys_max_gates", "synth_fast_max_gates", "synth_timeout_seconds", "bogus", "Design", "pipelineEvery"];

    private static readonly string[] VerifyKeys =
        ["random", "hdl_vectors", "test_vectors", "c", "icarus", "verilator", "formal", "verilator_max_gates", "icarus_max_gates", "bogus"];

    private static readonly string[] ModelKeys = ["layers", "neurons", "architecture", "recurrent", "classes", "steps", "gumbel", "tau", "validation", "bogus"];

    private static readonly string[] Words = ["monk1", "parity4", "mnist-10k", "csv:x.csv", "-O2", "-O9", "const-fold,dce", "lut6", "", "é", "..", "\u2028"];

    public static FuzzTarget RunConfig(string scratchDir)
    {
        Directory.CreateDirectory(scratchDir);
        var path = Path.Combine(scratchDir, "run.json");
        return new FuzzTarget
        {
            Name = "run-config",
            Seeds =
            [
                """{"design": "monk", "data": "monk1", "model": {"layers": 2, "neurons": 60}, "pipeline_every": 4, "verify": {"random": 100}, "synth": []}"""u8.ToArray(),
                """{"data": "parity4", "model": {"architecture": [{"kind": "dense", "neurons": 32}], "steps": 50}, "opt": "-O1", "synth": ["lut6"], "synth_timeout_seconds": 30}"""u8.ToArray(),
                "{\n  // a comment\n  \"design\": \"d\",\n  \"skip_training\": true,\n}\n"u8.ToArray(),
            ],
            Generate = Generate,
            Read = data =>
            {
                File.WriteAllBytes(path, data);
                var config = PipelineConfig.Load(path);
                config.ModelConfig(path);
                _ = config.OutputFolder;
                _ = config.CheckpointFolder;
            },
            Documented = [typeof(FlowUsageException), typeof(TrainingException)],
        };
    }

    private static string Value(Random rng, string key) => key switch
    {
        "model" => Object(rng, ModelKeys, depth: 1),
        "verify" => Object(rng, VerifyKeys, depth: 1),
        "synth" => rng.Next(3) == 0 ? Grammar.JsonValue(rng, Words) : $"[{string.Join(", ", Enumerable.Range(0, rng.Next(3)).Select(_ => $"\"{Grammar.Pick(rng, Words)}\""))}]",
        _ => Grammar.JsonValue(rng, Words),
    };

    private static string Object(Random rng, string[] keys, int depth)
    {
        if (rng.Next(8) == 0)
            return Grammar.JsonValue(rng, Words);
        var members = Enumerable.Range(0, rng.Next(5)).Select(_ => Grammar.Pick(rng, keys))
            .Select(k => $"\"{k}\": {(depth > 0 && k == "architecture" ? "[{\"kind\": \"dense\", \"neurons\": " + Grammar.Int(rng) + "}]" : Grammar.JsonValue(rng, Words))}");
        return $"{{{string.Join(", ", members)}}}";
    }

    private static byte[] Generate(Random rng)
    {
        var members = Enumerable.Range(0, rng.Next(7)).Select(_ => Grammar.Pick(rng, Keys)).Select(k => $"\"{k}\": {Value(rng, k)}");
        var text = string.Create(CultureInfo.InvariantCulture, $"{{{string.Join(", ", members)}}}");
        if (rng.Next(10) == 0)
            text = text[..rng.Next(text.Length + 1)]; // cut short
        return Encoding.UTF8.GetBytes(text);
    }
}
