using System.Diagnostics;

namespace GateForge.Fuzz;

/// <summary>
/// Runs a reader on mutated seeds and generated inputs (half each), classifies every outcome and
/// keeps the failing inputs. Each input runs on a worker with a time limit; a reader that hangs is
/// abandoned after its first hang (its thread cannot be stopped), the rest of the run continues.
/// </summary>
public static class FuzzRunner
{
    /// <summary>Longer than any user-facing error line should be (the longest seen in the suite is ~230).</summary>
    public const int MaxMessageLength = 400;

    public static FuzzReport Run(FuzzTarget target, int inputs, int seed, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(target);
        var rng = new Random(seed);
        var report = new FuzzReport { Reader = target.Name };
        foreach (var s in target.Seeds)
            if (Classify(target, s, out var detail) != FuzzOutcome.Accepted)
                throw new InvalidOperationException($"{target.Name}: a seed is not read cleanly: {detail}");
        for (var i = 0; i < inputs; i++)
        {
            var input = rng.Next(2) == 0
                ? Mutator.Mutate(rng, target.Seeds[rng.Next(target.Seeds.Count)], target.Seeds)
                : target.Generate(rng);
            var watch = Stopwatch.StartNew();
            string detail = "";
            var task = Task.Run(() => Classify(target, input, out detail));
            var outcome = task.Wait(limit) ? task.Result : FuzzOutcome.Hang;
            watch.Stop();
            report.Inputs++;
            report.Counts[outcome]++;
            if (watch.Elapsed > report.Slowest)
                (report.Slowest, report.SlowestIndex, report.SlowestInput) = (watch.Elapsed, i, input);
            if (outcome is FuzzOutcome.Crash or FuzzOutcome.Hang or FuzzOutcome.MultiLineError)
                report.Failures.Add((outcome, outcome == FuzzOutcome.Hang ? $"ran past {limit.TotalSeconds:F0} s" : detail, input));
            if (outcome == FuzzOutcome.Hang)
                break;
        }
        return report;
    }

    /// <summary>What one input does; <paramref name="detail"/> is the message (or type and message for a crash).</summary>
    public static FuzzOutcome Classify(FuzzTarget target, byte[] input, out string detail)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target.Read(input);
            detail = "";
            return FuzzOutcome.Accepted;
        }
        catch (Exception e) when (target.Documented.Contains(e.GetType()))
        {
            detail = e.Message;
            return e.Message.Contains('\n') || e.Message.Contains('\r') || e.Message.Length > MaxMessageLength
                ? FuzzOutcome.MultiLineError
                : FuzzOutcome.Refused;
        }
        catch (Exception e)
        {
            detail = $"{e.GetType().Name}: {e.Message}";
            return FuzzOutcome.Crash;
        }
    }
}
