using GateForge.Fuzz;

namespace GateForge.Bench;

/// <summary>
/// Every reader of the fuzz harness on 100,000 inputs (2,000 with --quick): half mutated seeds,
/// half generated. Goal: 0 crashes, 0 hangs (5 s per input), 0 multi-line errors. Failing inputs
/// are written to bench-out/fuzz-failures/ to become regression fixtures.
/// </summary>
internal sealed class FuzzBench : IBenchmark
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public string Name => "fuzz";

    public string Summary => "fuzz every reader: crashes, hangs, multi-line errors, slowest input";

    public void Run(BenchContext context)
    {
        var inputs = context.Quick ? 2_000 : 100_000;
        var failures = Path.Combine("bench-out", "fuzz-failures");
        foreach (var target in FuzzTargets.All(context.ScratchDir))
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var report = FuzzRunner.Run(target, inputs, seed: 15, Limit);
            Console.WriteLine($"  {report}");
            context.Report(Name, $"{target.Name}: inputs run", report.Inputs.ToString("N0", CultureInfo.InvariantCulture));
            context.Report(Name, $"{target.Name}: accepted / refused",
                string.Create(CultureInfo.InvariantCulture, $"{report.Counts[FuzzOutcome.Accepted]:N0} / {report.Counts[FuzzOutcome.Refused]:N0}"));
            context.Report(Name, $"{target.Name}: crashes / hangs / multi-line errors",
                string.Create(CultureInfo.InvariantCulture, $"{report.Counts[FuzzOutcome.Crash]} / {report.Counts[FuzzOutcome.Hang]} / {report.Counts[FuzzOutcome.MultiLineError]}"), "0 / 0 / 0");
            context.Report(Name, $"{target.Name}: slowest input",
                string.Create(CultureInfo.InvariantCulture, $"{report.Slowest.TotalMilliseconds:F1} ms ({report.SlowestInput.Length:N0} bytes), all in {watch.Elapsed.TotalSeconds:F0} s"));
            for (var k = 0; k < report.Failures.Count; k++)
            {
                var (outcome, detail, input) = report.Failures[k];
                Directory.CreateDirectory(failures);
                File.WriteAllBytes(Path.Combine(failures, $"{target.Name}-{k}.bin"), input);
                if (k < 5)
                    Console.WriteLine($"    {outcome}: {Ir.Excerpt.OneLine(detail)}");
            }
        }
    }
}
