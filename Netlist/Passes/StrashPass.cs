namespace GateForge.Ir.Passes;

/// <summary><c>strash</c>: rebuilds every gate through the builder, merging structurally equal nodes.</summary>
public sealed class StrashPass : Pass
{
    public override string Name => "strash";
    public override string Summary => "structural hashing: merge equal nodes, fold trivial gates";
    public override string Help => """
        strash

        Rebuilds every gate in topological order through the builder: operands are put in
        canonical order, trivial gates (x&x, x&!x, x^x, constants) fold, and a gate equal
        to an earlier one (same kind, same fanins) is merged into it. Nodes that nothing
        reads are kept; `dce` drops them.
        """;

    public override PassResult Run(Netlist input, PassContext context)
    {
        var b = NetlistBuilder.StartFrom(input, out var map);
        b.MapGates(input, map);
        var result = b.FinishFrom(input, map);
        var counts = PassResult.NewCounts();
        counts["gates_merged"] = input.GateCount - result.GateCount;
        return new PassResult(result, !NetlistCompare.SameStructure(input, result), counts);
    }
}
