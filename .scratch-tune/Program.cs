using System.Diagnostics;
using System.Text.Json.Nodes;
using GateForge.Training.Data;
using GateForge.Training.Models;
using GateForge.Training.Trainer;

// usage: Tune <dataset> <timeLimitSec> <seeds e.g. 1,2,3> [key=value ...]   (keys camelCase of ModelConfig; base = Demo())
if (args[0] == "check") { Check.Monk3(); return; }
var spec = args[0];
var limit = double.Parse(args[1]);
var seeds = args[2].Split(',').Select(int.Parse).ToArray();
var node = JsonNode.Parse(ModelConfig.Demo().ToJson())!.AsObject();
foreach (var kv in args.Skip(3))
{
    var i = kv.IndexOf('=');
    var k = kv[..i]; var v = kv[(i + 1)..];
    node[k] = double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : v == "true" ? JsonValue.Create(true) : v == "false" ? JsonValue.Create(false) : JsonValue.Create(v);
}
// ints must be ints
foreach (var k in new[] { "layers", "neurons", "classes", "encoderBits", "seed", "batchSize", "steps", "epochs", "evalEvery", "threads" })
    if (node[k] is JsonValue jv && jv.TryGetValue<double>(out var dd)) node[k] = (int)dd;
var data = spec.StartsWith("monk") ? Monk.Generate(spec[4] - '0') : DataSets.Load(spec);
var proc = Process.GetCurrentProcess();
int perfect = 0;
foreach (var seed in seeds)
{
    node["seed"] = seed;
    var config = ModelConfig.FromJson(node.ToJsonString(), "args");
    var cpu0 = proc.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(limit));
    var quiet = seeds.Length > 1;
    var r = DlgnTrainer.Train(config, data, new TrainOptions
    {
        Cancellation = cts.Token,
        ProgressEvery = 1000000,
        Progress = p =>
        {
            if (p.Evaluation is { } e && !quiet)
            {
                proc.Refresh();
                Console.WriteLine($"  step {p.Step} loss {p.Loss:F4} batchacc {p.BatchAccuracy:F4} soft {e.SoftAccuracy:F4} disc {e.DiscreteAccuracy:F4} gap {e.GapPoints:F2} cpu {(proc.TotalProcessorTime - cpu0).TotalSeconds:F1}s wall {wall.Elapsed.TotalSeconds:F1}s");
            }
        },
    });
    proc.Refresh();
    var trainEval = r.Last.Evaluate(r.Last.Encode(data.Train), data.Train.Labels);
    var last = r.LastEvaluation;
    if (last.DiscreteAccuracy == 1.0) perfect++;
    Console.WriteLine($"seed {seed}: steps {r.Steps} last disc {last.DiscreteAccuracy:F4} soft {last.SoftAccuracy:F4} gap {last.GapPoints:F2} | best disc@{r.Best.Step} | train disc {trainEval.DiscreteAccuracy:F4} | cpu {(proc.TotalProcessorTime - cpu0).TotalSeconds:F1}s wall {wall.Elapsed.TotalSeconds:F1}s cancelled {r.Cancelled}");
}
Console.WriteLine($"ARGS {string.Join(' ', args)} => last==100%: {perfect}/{seeds.Length}");
