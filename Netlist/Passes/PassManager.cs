using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Serialization;

namespace GateForge.Ir.Passes;

/// <summary>
/// What one pass did: sizes before and after, time, and the pass's own counts. The one record of a
/// pass run: the pass manager makes it, report.json stores it (<see cref="PassRecordJsonConverter"/>).
/// </summary>
[JsonConverter(typeof(PassRecordJsonConverter))]
public sealed record PassRecord(
    string Pass,
    string Text,
    bool Changed,
    int GatesBefore,
    int GatesAfter,
    long AndEquivalentBefore,
    long AndEquivalentAfter,
    int DepthBefore,
    int DepthAfter,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>The time in milliseconds, to two decimals, as report.json and report.html show it.</summary>
    public double Milliseconds => Math.Round(Elapsed.TotalMilliseconds, 2);

    /// <summary>A record as report.json keeps it: the step's text, sizes in gates and depth, milliseconds (no AND-equivalents or counts).</summary>
    public static PassRecord Of(string text, bool changed, int gatesBefore, int gatesAfter, double milliseconds, int depthBefore, int depthAfter) =>
        new(text.Split('(')[0], text, changed, gatesBefore, gatesAfter, 0, 0, depthBefore, depthAfter,
            TimeSpan.FromMilliseconds(milliseconds), new Dictionary<string, long>());
}

/// <summary>The optimised netlist and one record per pass run (a fixpoint's rounds each add their passes).</summary>
public sealed record PassManagerResult(Netlist Final, IReadOnlyList<PassRecord> Records);

/// <summary>
/// Runs pipeline strings (<see cref="PipelineParser"/>) and levels (<see cref="OptimisationLevels"/>)
/// over a netlist: logs each pass's gates, AND-equivalent gates, depth and time, optionally verifies
/// the netlist and dumps it after chosen passes.
/// </summary>
public sealed class PassManager
{
    private readonly PassContext _context;

    public PassManager(PassContext? context = null)
    {
        _context = context ?? new PassContext();
    }

    /// <summary>Run <see cref="Netlist.Verify"/> after every pass (tests always do).</summary>
    public bool VerifyEachPass { get; init; }

    /// <summary>Pass names after which the netlist is dumped (<see cref="NetlistDump"/>); "*" means every pass.</summary>
    public IReadOnlySet<string> DumpAfter { get; init; } = new HashSet<string>();

    /// <summary>Folder for dumps, one file <c>NN-pass.txt</c> per dump; the log when null.</summary>
    public string? DumpDirectory { get; init; }

    public PassManagerResult Run(Netlist input, string pipeline) => Run(input, PipelineParser.Parse(pipeline));

    public PassManagerResult Run(Netlist input, IReadOnlyList<PipelineStep> steps)
    {
        var records = new List<PassRecord>();
        var state = new Sizes(input);
        if (VerifyEachPass)
            Verify(input, "the input");
        var current = RunSteps(input, steps, records, ref state);
        return new PassManagerResult(current, records);
    }

    private Netlist RunSteps(Netlist current, IReadOnlyList<PipelineStep> steps, List<PassRecord> records, ref Sizes sizes)
    {
        foreach (var step in steps)
        {
            switch (step)
            {
                case PassStep p:
                    (current, _) = RunPass(current, p, records, ref sizes);
                    break;
                case FixpointStep f:
                    current = RunFixpoint(current, f, records, ref sizes);
                    break;
                default:
                    throw new InvalidOperationException($"unknown pipeline step {step}");
            }
        }
        return current;
    }

    private Netlist RunFixpoint(Netlist current, FixpointStep step, List<PassRecord> records, ref Sizes sizes)
    {
        for (var round = 1; round <= step.MaxRounds; round++)
        {
            var changed = false;
            foreach (var inner in step.Body)
            {
                if (inner is PassStep p)
                {
                    (current, var c) = RunPass(current, p, records, ref sizes);
                    changed |= c;
                }
                else
                {
                    var before = records.Count;
                    current = RunSteps(current, [inner], records, ref sizes);
                    changed |= records.Skip(before).Any(r => r.Changed);
                }
            }
            if (!changed)
                return current;
        }
        _context.Log.WriteLine($"fixpoint: still changing after {step.MaxRounds} rounds; stopped");
        return current;
    }

    private (Netlist, bool) RunPass(Netlist current, PassStep step, List<PassRecord> records, ref Sizes sizes)
    {
        _context.Cancellation.ThrowIfCancellationRequested();
        var sw = Stopwatch.StartNew();
        var result = step.Pass.Run(current, _context);
        sw.Stop();
        if (VerifyEachPass)
            Verify(result.Netlist, $"pass {step.Text}");
        var after = result.Changed ? new Sizes(result.Netlist) : sizes;
        var record = new PassRecord(step.Pass.Name, step.Text, result.Changed,
            sizes.Gates, after.Gates, sizes.AndEquivalent, after.AndEquivalent, sizes.Depth, after.Depth,
            sw.Elapsed, result.Counts);
        records.Add(record);
        Log(record);
        if (DumpAfter.Contains(step.Pass.Name) || DumpAfter.Contains("*"))
            Dump(result.Netlist, step.Pass.Name, records.Count);
        sizes = after;
        return (result.Netlist, result.Changed);
    }

    private static void Verify(Netlist nl, string where)
    {
        try
        {
            nl.Verify();
        }
        catch (NetlistException e)
        {
            throw new NetlistException($"after {where}: {e.Message}", e);
        }
    }

    private void Log(PassRecord r)
    {
        var counts = string.Join(", ", r.Counts.Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));
        _context.Log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Text,-24} gates {r.GatesBefore,9} -> {r.GatesAfter,-9} and-eq {r.AndEquivalentBefore,9} -> {r.AndEquivalentAfter,-9} depth {r.DepthBefore,5} -> {r.DepthAfter,-5} {r.Elapsed.TotalMilliseconds,9:F1} ms  {(r.Changed ? "changed" : "unchanged")}{(counts.Length > 0 ? $"  ({counts})" : "")}"));
    }

    private void Dump(Netlist nl, string pass, int sequence)
    {
        if (DumpDirectory is null)
        {
            _context.Log.WriteLine($"--- dump after {pass}");
            NetlistDump.Write(nl, _context.Log);
            return;
        }
        Directory.CreateDirectory(DumpDirectory);
        var path = Path.Combine(DumpDirectory, string.Create(CultureInfo.InvariantCulture, $"{sequence:D2}-{pass}.txt"));
        AtomicOutput.WriteFileAt(path, tmp =>
        {
            using var w = new StreamWriter(tmp) { NewLine = "\n" };
            NetlistDump.Write(nl, w);
        });
        _context.Log.WriteLine($"dumped to {path}");
    }

    /// <summary>The figures logged before and after each pass.</summary>
    private readonly record struct Sizes(int Gates, long AndEquivalent, int Depth)
    {
        public Sizes(Netlist nl)
            : this(nl.GateCount, nl.AndEquivalent, nl.Depth)
        {
        }
    }
}
