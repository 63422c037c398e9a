using System.CommandLine;
using System.Diagnostics;
using GateForge.Flow;
using GateForge.Ir;

namespace GateForge.Cli.Commands;

/// <summary>
/// <c>gateforge demo</c>: the main job on the embedded default. Trains the demo model on mnist-10k,
/// freezes, optimises (-O2), emits every artifact to hw-out/mnist-demo/, verifies them all,
/// synthesises, and prints the summary. Budget on a 2-core machine: about 3 minutes of training,
/// under 2 for the rest (Verilator at -O0, a sample of vectors in the HDL simulators, ABC LUT
/// mapping for a design of this size).
/// </summary>
internal static class DemoCommand
{
    public const string DesignName = "mnist-demo";

    /// <summary>Largest design (gates) the demo builds with Verilator; two builds of a 40,000-gate design took minutes here.</summary>
    public const int DemoVerilatorMaxGates = 15_000;

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Design folder", DefaultValueFactory = _ => Path.Combine("hw-out", DesignName) };
        var checkpoint = new Option<string>("--checkpoint") { Description = "Checkpoint folder", DefaultValueFactory = _ => Path.Combine("checkpoints", DesignName) };
        var skipTraining = new Option<bool>("--skip-training") { Description = "Reuse the checkpoint of an earlier demo instead of training" };
        var steps = new Option<int?>("--steps") { Description = "Training steps (default: the demo model's)" };
        var outputs = OutputsOption.Create();
        var command = new Command("demo", "Train the demo model on mnist-10k and take it to verified, synthesised hardware") { output, checkpoint, skipTraining, steps, outputs };
        command.SetAction(parse =>
        {
            var watch = Stopwatch.StartNew();
            var config = Config(parse.GetValue(output)!, parse.GetValue(checkpoint)!, parse.GetValue(skipTraining), parse.GetValue(steps));
            config.Outputs = HeadOutputsNames.Of(OutputsOption.Parse(parse.GetValue(outputs)));
            var report = DesignFlow.Run(config, "demo", context);
            context.Line($"demo finished in {CliContext.Seconds(watch.Elapsed)}");
            return SummaryPrinter.Finish(context, report, config.OutputFolder);
        });
        return command;
    }

    public static PipelineConfig Config(string output, string checkpoint, bool skipTraining, int? steps)
    {
        var model = Training.Models.ModelConfig.Demo();
        if (steps is { } s)
        {
            Inputs.RequirePositive(s, "--steps");
            model = model with { Steps = s, EvalEvery = Math.Min(model.EvalEvery, s) };
        }
        return new PipelineConfig
        {
            Design = DesignName,
            Data = "mnist-10k",
            Model = System.Text.Json.Nodes.JsonNode.Parse(model.ToJson())!.AsObject(),
            Checkpoint = checkpoint,
            SkipTraining = skipTraining,
            Output = output,
            Opt = "-O2",
            PipelineEvery = 8,
            Vectors = 256,
            // The HDL simulators take a sample of the vectors; Verilator (one C++ build per top) only
            // on designs small enough for the demo's time budget. `gateforge verify` runs everything.
            Verify = new VerifyConfig { Random = 1000, HdlVectors = 100, TestVectors = 0, VerilatorMaxGates = DemoVerilatorMaxGates },
            Synth = ["lut6", "xilinx", "ice40"],
        };
    }
}
