namespace GateForge.Ir.Passes;

/// <summary>
/// One optimisation pass, in the manner of a Yosys pass: a name used in pipeline strings, a one-line
/// summary for `gateforge passes`, a help text for `gateforge help &lt;pass&gt;`. A pass never edits
/// its input; it rebuilds through <see cref="NetlistBuilder"/> and returns the new netlist.
/// </summary>
public abstract class Pass
{
    /// <summary>The name used in pipeline strings (`const-fold`, `strash`, ...).</summary>
    public abstract string Name { get; }

    /// <summary>One line for the pass list.</summary>
    public abstract string Summary { get; }

    /// <summary>Several lines: what the pass does, its options, and what it guarantees.</summary>
    public abstract string Help { get; }

    public abstract PassResult Run(Netlist input, PassContext context);

    public override string ToString() => Name;
}

/// <summary>What a pass returns: the new netlist, whether it differs from the input, and the pass's own counts.</summary>
public sealed record PassResult(Netlist Netlist, bool Changed, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>The result for a pass that did nothing.</summary>
    public static PassResult Unchanged(Netlist netlist) => new(netlist, false, NewCounts());

    /// <summary>An empty, ordinally sorted table for a pass's counters.</summary>
    public static SortedDictionary<string, long> NewCounts() => new(StringComparer.Ordinal);
}
