namespace GateForge.Bench;

/// <summary>One benchmark: prints its figures and adds rows to the summary table.</summary>
public interface IBenchmark
{
    /// <summary>Short name used on the command line (`gateforge-bench netlist`).</summary>
    string Name { get; }
    string Summary { get; }
    void Run(BenchContext context);
}

/// <summary>Where a benchmark writes: scratch space and the summary table.</summary>
public sealed class BenchContext
{
    public BenchContext(string scratchDir, bool quick)
    {
        ScratchDir = scratchDir;
        Quick = quick;
    }

    /// <summary>A folder the benchmark may fill (deleted afterwards).</summary>
    public string ScratchDir { get; }
    /// <summary>Smaller sizes for a smoke run (`--quick`).</summary>
    public bool Quick { get; }
    public List<(string Benchmark, string Figure, string Value, string Goal)> Rows { get; } = [];

    public void Report(string benchmark, string figure, string value, string goal = "")
    {
        Rows.Add((benchmark, figure, value, goal));
        Console.WriteLine($"  {figure}: {value}{(goal.Length > 0 ? $"   (goal: {goal})" : "")}");
    }
}
