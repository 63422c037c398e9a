using System.CommandLine;
using GateForge.Flow;

namespace GateForge.Cli.Commands;

/// <summary><c>gateforge run CONFIG.json</c>: the whole pipeline from a config file.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = new Argument<string>("config") { Description = "Pipeline config (.json): design, data, model, opt, pipeline_every, verify, synth" };
        var command = new Command("run", "Run the whole pipeline (train → freeze → opt → emit → verify → synth) from a config file") { config };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(config)!;
            var pipeline = PipelineConfig.Load(path);
            var report = DesignFlow.Run(pipeline, path, context);
            return SummaryPrinter.Finish(context, report, pipeline.OutputFolder);
        });
        return command;
    }
}
