namespace GateForge.Fuzz;

/// <summary>Every reader the harness covers, in one list (the bench and the test suite both run it).</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All(string scratchDir) =>
    [
        NetlistTargets.AigerAscii(),
        NetlistTargets.AigerBinary(),
        NetlistTargets.Json(),
        TrainingTargets.Idx(Path.Combine(scratchDir, "idx")),
        TrainingTargets.Csv(),
        TrainingTargets.CheckpointFolder(Path.Combine(scratchDir, "checkpoint")),
        TrainingTargets.ModelConfigJson(),
        FlowTargets.RunConfig(Path.Combine(scratchDir, "run")),
    ];
}
