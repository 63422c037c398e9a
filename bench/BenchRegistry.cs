namespace GateForge.Bench;

/// <summary>Every benchmark, in the order `bench/run` runs them. Add one line per benchmark.</summary>
internal static class BenchRegistry
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new NetlistBench(),
        new DataBench(),
        new EmitBench(),
        new SimBench(),
        new TrainBench(),
        new MnistBestBench(),
        new FuzzBench(),
        new AreaBench(),
        new ConvBench(),
        new RecurrentBench(),
    ];
}
