using GateForge.Ir.Tools;

namespace GateForge.Ir.Passes;

/// <summary>
/// <c>abc</c>: hands the netlist to the installed Berkeley ABC as binary AIGER, runs a script, reads
/// the result back with the input as interface template, and keeps it only when it has fewer
/// AND-equivalent gates AND ABC's <c>cec</c> proves it equivalent to the input. Skipped, with a
/// message, when ABC is not installed or the netlist has latches.
/// </summary>
public sealed class AbcPass : Pass
{
    /// <summary>The default optimisation: ABC's <c>&amp;dc2</c> on the GIA (no abc.rc aliases are used).</summary>
    public const string DefaultScript = "&get -n; &st; &dc2; &put";

    public AbcPass(string? script = null)
    {
        Script = string.IsNullOrWhiteSpace(script) ? DefaultScript : script.Trim();
    }

    /// <summary>The commands run between <c>read in.aig</c> and <c>write_aiger -s out.aig</c>.</summary>
    public string Script { get; }

    public override string Name => "abc";
    public override string Summary => "optimise with Berkeley ABC; keep only a smaller, cec-proven result";
    public override string Help => $"""
        abc [(script="ABC COMMANDS")]

        Writes the netlist as binary AIGER, runs the installed berkeley-abc as
            read in.aig; SCRIPT; write_aiger -s out.aig
        (default SCRIPT: {DefaultScript}), reads out.aig back with the input's buses, and
        keeps the result only if it has fewer AND-equivalent gates (an XOR counts 3) and
        `cec` proves it equivalent to the input. Otherwise the input is kept and the log
        says why. Skipped with a message when berkeley-abc is not on PATH or the netlist
        has latches. Spell scripts out: no abc.rc is installed, so aliases such as resyn2
        do not exist. Slow on large netlists (dc2: about 23 s at 100,000 gates).
        """;

    public static AbcPass FromOptions(PassOptions options)
    {
        var script = options.GetString("script");
        options.RejectUnknown();
        return new AbcPass(script);
    }

    public override PassResult Run(Netlist input, PassContext context)
    {
        var counts = PassResult.NewCounts();
        if (!ExternalTool.IsInstalled(context.AbcExecutable))
            return Skip(input, counts, context, $"{context.AbcExecutable} is not installed");
        if (input.LatchCount > 0)
            return Skip(input, counts, context, "the netlist has latches (run abc before pipeline)");
        if (input.GateCount == 0)
            return Skip(input, counts, context, "the netlist has no gates");

        var dir = Path.Combine(context.WorkDirectory ?? Path.GetTempPath(), $"gf-abc-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            return Optimise(input, context, dir, counts);
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: the scratch folder is in temp
            }
        }
    }

    private PassResult Optimise(Netlist input, PassContext context, string dir, SortedDictionary<string, long> counts)
    {
        Aiger.Save(input, Path.Combine(dir, "in.aig"));
        var run = RunAbc(context, dir, $"read in.aig; {Script}; write_aiger -s out.aig");
        var outPath = Path.Combine(dir, "out.aig");
        if (!run.Ok || !File.Exists(outPath))
            throw new InvalidOperationException($"abc: {run.Tool} failed on script \"{Script}\" (exit {run.ExitCode}{(run.TimedOut ? ", timed out" : "")}): {run.Tail()}");
        var candidate = Transplant(input, Aiger.Load(outPath, input));

        var before = input.AndEquivalent;
        var after = candidate.AndEquivalent;
        counts["and_equivalent_before"] = before;
        counts["and_equivalent_abc"] = after;
        if (after >= before)
        {
            context.Log.WriteLine($"abc: result is not smaller ({after} >= {before} AND-equivalent gates); kept the input");
            counts["kept"] = 0;
            return new PassResult(input, false, counts);
        }

        Aiger.Save(candidate, Path.Combine(dir, "candidate.aig"));
        var cec = Abc.Cec(dir, "in.aig", "candidate.aig", context.ToolTimeout, context.Cancellation, byOrder: true, executable: context.AbcExecutable);
        var proven = cec.Ok;
        counts["proven"] = proven ? 1 : 0;
        if (!proven)
        {
            context.Log.WriteLine($"abc: cec did not prove the result equivalent ({cec.Result?.Tail(2) ?? cec.Detail}); kept the input");
            counts["kept"] = 0;
            return new PassResult(input, false, counts);
        }
        counts["kept"] = 1;
        return new PassResult(candidate, true, counts);
    }

    private static ToolResult RunAbc(PassContext context, string dir, string commands) =>
        Abc.Run(context.AbcExecutable, commands, dir, context.ToolTimeout, context.Cancellation);

    private static PassResult Skip(Netlist input, SortedDictionary<string, long> counts, PassContext context, string why)
    {
        context.Log.WriteLine($"abc: skipped: {why}");
        counts["skipped"] = 1;
        return new PassResult(input, false, counts);
    }

    /// <summary>
    /// The gates of <paramref name="logic"/> under the interface of <paramref name="template"/>
    /// (buses, constraints, attributes), inputs and outputs matched by position.
    /// </summary>
    internal static Netlist Transplant(Netlist template, Netlist logic)
    {
        if (logic.InputCount != template.InputCount || logic.OutputCount != template.OutputCount || logic.LatchCount != 0)
            throw new NetlistException($"abc: result has {logic.InputCount} inputs, {logic.OutputCount} outputs and {logic.LatchCount} latches; expected {template.InputCount}, {template.OutputCount} and 0");
        var b = NetlistBuilder.StartFrom(template, out var templateMap);
        var map = new int[logic.NodeCount];
        for (var i = 0; i < logic.InputCount; i++)
            map[logic.Inputs[i]] = templateMap[template.Inputs[i]];
        b.MapGates(logic, map);
        var outputs = logic.OutputLiterals();
        var k = 0;
        foreach (var bus in template.OutputBuses)
        {
            var bits = new int[bus.Width];
            for (var i = 0; i < bits.Length; i++)
                bits[i] = NetlistBuilder.MapLit(map, outputs[k++]);
            b.AddOutputBus(bus.Name, bits);
        }
        return b.Build();
    }
}
