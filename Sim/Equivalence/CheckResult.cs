using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GateForge.Ir.Tools;

namespace GateForge.Sim;

/// <summary>The first vector on which an artifact disagrees with the golden results (bits as hex, MSB first, bus order).</summary>
public sealed record Mismatch(int Index, string Inputs, string Expected, string Actual)
{
    public override string ToString() =>
        $"vector {Index.ToString(CultureInfo.InvariantCulture)}: inputs {Inputs}, expected {Expected}, got {Actual}";
}

/// <summary>One equivalence check: what was compared (<paramref name="Name"/>, naming the artifact), the verdict, and why.</summary>
public sealed record CheckResult(string Name, CheckStatus Status, string Detail, TimeSpan Elapsed)
{
    /// <summary>The artifact under test (a file of the design folder, or "model").</summary>
    public string Artifact { get; init; } = "";
    public Mismatch? FirstMismatch { get; init; }

    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["name"] = Name,
            ["artifact"] = Artifact,
            ["status"] = Status.ToString().ToLowerInvariant(),
            ["detail"] = Detail,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 3),
        };
        if (FirstMismatch is { } m)
            o["first_mismatch"] = new JsonObject
            {
                ["index"] = m.Index,
                ["inputs"] = m.Inputs,
                ["expected"] = m.Expected,
                ["actual"] = m.Actual,
            };
        return o;
    }

    public override string ToString() =>
        $"{Status.ToString().ToUpperInvariant(),-7} {Name}: {Detail} ({Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s)";
}

/// <summary>All checks of one <see cref="EquivalenceHarness"/> run; <see cref="ToJson"/> is the <c>equivalence</c> part of report.json.</summary>
public sealed record EquivalenceReport(string Design, int GivenVectors, int RandomVectors, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>Wall-clock time of the whole run (checks run in parallel, so less than their sum); zero when not measured.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>No check failed (skipped checks do not fail a design).</summary>
    public bool Passed => Checks.All(c => c.Status != CheckStatus.Fail);

    public int Count(CheckStatus status) => Checks.Count(c => c.Status == status);

    public JsonObject ToJson()
    {
        var checks = new JsonArray();
        foreach (var c in Checks)
            checks.Add(c.ToJson());
        return new JsonObject
        {
            ["design"] = Design,
            ["passed"] = Passed,
            ["vectors"] = new JsonObject { ["given"] = GivenVectors, ["random"] = RandomVectors },
            ["summary"] = new JsonObject
            {
                ["pass"] = Count(CheckStatus.Pass),
                ["fail"] = Count(CheckStatus.Fail),
                ["skipped"] = Count(CheckStatus.Skipped),
            },
            ["checks"] = checks,
        };
    }

    public string ToJsonText() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
}
