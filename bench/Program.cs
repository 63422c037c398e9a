
namespace GateForge.Bench;

/// <summary>
/// `gateforge-bench [--quick] [name ...]`: runs the named benchmarks (all by default) and prints
/// one table of figures and ratios measured in this run.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        var quick = args.Contains("--quick");
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
        var selected = BenchRegistry.All.Where(b => names.Count == 0 || names.Contains(b.Name)).ToList();
        if (names.Count > 0 && selected.Count != names.Count)
        {
            Console.Error.WriteLine($"unknown benchmark; known: {string.Join(", ", BenchRegistry.All.Select(b => b.Name))}");
            return 2;
        }
        var scratch = Path.Combine(Path.GetTempPath(), "gateforge-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(scratch);
        var ctx = new BenchContext(scratch, quick);
        try
        {
            foreach (var b in selected)
            {
                Console.WriteLine($"== {b.Name}: {b.Summary}");
                b.Run(ctx);
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        Console.WriteLine();
        Console.WriteLine("| benchmark | figure | value | goal |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var (bench, figure, value, goal) in ctx.Rows)
            Console.WriteLine($"| {bench} | {figure} | {value} | {goal} |");
        return 0;
    }
}
