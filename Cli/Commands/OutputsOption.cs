using System.CommandLine;
using GateForge.Flow;
using GateForge.Ir;

namespace GateForge.Cli.Commands;

/// <summary><c>--outputs scores|class_id</c>: what the head puts on the design's outputs (freeze, demo).</summary>
internal static class OutputsOption
{
    public static Option<string> Create() => new("--outputs")
    {
        Description = $"Design outputs: {HeadOutputsNames.Scores} (scores and class_id) or {HeadOutputsNames.ClassId} (class_id alone: a smaller head; every check compares class_id)",
        DefaultValueFactory = _ => HeadOutputsNames.Scores,
    };

    public static HeadOutputs Parse(string? name) => HeadOutputsNames.Parse(name)
        ?? throw new FlowUsageException($"--outputs must be {HeadOutputsNames.Choices}, not '{Excerpt.Of(name)}'");
}
