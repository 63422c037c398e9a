using System.Globalization;

namespace GateForge.Ir.Passes;

/// <summary>
/// <c>const-fold</c>: substitutes constants for input bits declared constant (the netlist's own
/// constraints, this pass's, and the context's), then rebuilds every gate through the builder,
/// whose folding carries the constants forward. New constraints are recorded in the result's
/// <see cref="Netlist.Constraints"/>; the input bits stay (use <c>dce(inputs)</c> to drop them).
/// </summary>
public sealed class ConstFoldPass : Pass
{
    private readonly InputConstraint[] _constraints;

    public ConstFoldPass(IEnumerable<InputConstraint>? constraints = null)
    {
        _constraints = constraints?.ToArray() ?? [];
    }

    public override string Name => "const-fold";
    public override string Summary => "propagate constants, including input bits declared constant";
    public override string Help => """
        const-fold [(BUS[BIT]=0|1, ...)]

        Rebuilds every gate through the builder, which folds AND/XOR with constant or equal
        operands, after substituting constants for input bits declared constant. Constant bits
        come from the netlist's recorded constraints, from the options (x[3]=0 declares bit 3
        of input bus x always 0) and from the caller's context (the CLI's constraint options).
        New constraints are recorded in the netlist so that every equivalence check applies
        them. The input bits themselves stay; `dce(inputs)` drops inputs nothing reads.
        With no constant inputs the pass returns its input unchanged: every netlist comes
        from the builder, which already folded it.
        """;

    public IReadOnlyList<InputConstraint> Constraints => _constraints;

    /// <summary>Builds the pass from pipeline options of the form <c>x[3]=0</c>.</summary>
    public static ConstFoldPass FromOptions(PassOptions options)
    {
        var list = new List<InputConstraint>();
        foreach (var (key, value) in options.Take(k => k.EndsWith(']')))
            list.Add(ParseConstraint(key, value));
        options.RejectUnknown();
        return new ConstFoldPass(list);
    }

    /// <summary>Parses <c>bus[bit]</c> and <c>0</c>/<c>1</c>.</summary>
    public static InputConstraint ParseConstraint(string key, string value)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || !key.EndsWith(']')
            || !int.TryParse(key.AsSpan(open + 1, key.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var bit))
            throw new ArgumentException($"const-fold: '{key}' is not an input bit of the form bus[bit]");
        var v = value switch
        {
            "0" => false,
            "1" => true,
            _ => throw new ArgumentException($"const-fold: {key}={value}: the value must be 0 or 1"),
        };
        return new InputConstraint(key[..open], bit, v);
    }

    public override PassResult Run(Netlist input, PassContext context)
    {
        var all = Merge(input, input.Constraints, _constraints, context.Constraints);
        var counts = PassResult.NewCounts();
        if (all.Count == 0)
        {
            // Nothing to substitute: a netlist that passes Verify() is already folded and hashed
            // (the builder made it), so the rebuild would give the same netlist.
            counts["constant_inputs"] = 0;
            return new PassResult(input, false, counts);
        }
        var b = NetlistBuilder.StartFrom(input, out var map);
        var known = input.Constraints.ToHashSet();
        foreach (var c in all)
        {
            if (!known.Contains(c))
                b.AddConstraint(c);
            map[Lit.Node(input.InputBus(c.Bus).Bits[c.Bit])] = c.Value ? Lit.True : Lit.False;
        }
        b.MapGates(input, map);
        var result = b.FinishFrom(input, map);
        counts["constant_inputs"] = all.Count;
        counts["new_constraints"] = all.Count(c => !known.Contains(c));
        counts["gates_removed"] = input.GateCount - result.GateCount;
        counts["constant_outputs"] = result.OutputLiterals().Count(Lit.IsConst);
        return new PassResult(result, !NetlistCompare.SameStructure(input, result), counts);
    }

    /// <summary>All constraints, checked against the netlist's buses, each input bit once.</summary>
    private static List<InputConstraint> Merge(Netlist nl, params IEnumerable<InputConstraint>[] sources)
    {
        var byBit = new Dictionary<(string, int), InputConstraint>();
        var ordered = new List<InputConstraint>();
        foreach (var source in sources)
        {
            foreach (var c in source)
            {
                var bus = nl.FindInputBus(c.Bus)
                    ?? throw new ArgumentException($"const-fold: constraint {c.Bus}[{c.Bit}]: the netlist has no input bus '{c.Bus}'");
                if (c.Bit < 0 || c.Bit >= bus.Width)
                    throw new ArgumentException($"const-fold: constraint {c.Bus}[{c.Bit}]: bus '{c.Bus}' has {bus.Width} bits");
                if (byBit.TryGetValue((c.Bus, c.Bit), out var prior))
                {
                    if (prior.Value != c.Value)
                        throw new ArgumentException($"const-fold: {c.Bus}[{c.Bit}] is declared both 0 and 1");
                    continue;
                }
                byBit[(c.Bus, c.Bit)] = c;
                ordered.Add(c);
            }
        }
        return ordered;
    }
}
