using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class ConstFoldPassTests
{
    [Fact]
    public void Constrained_inputs_fold_and_are_recorded()
    {
        var nl = PassTestKit.HandMade();
        var r = new ConstFoldPass([new InputConstraint("x", 0, false)]).Run(nl, new PassContext());
        r.Netlist.Verify();
        Assert.True(r.Changed);
        Assert.Equal([new InputConstraint("x", 0, false)], r.Netlist.Constraints);
        Assert.Equal(1, r.Counts["constant_inputs"]);
        // y[1] = x0 & x1 and y[2] = x4 & x0 become constant 0.
        Assert.Equal(Lit.False, r.Netlist.OutputBus("y").Bits[1]);
        Assert.Equal(Lit.False, r.Netlist.OutputBus("y").Bits[2]);
        Assert.Equal(2, r.Counts["constant_outputs"]);
        PassTestKit.AssertEquivalent(nl, r.Netlist, "const-fold");
        Assert.Equal(nl.InputCount, r.Netlist.InputCount);
    }

    [Fact]
    public void Equivalence_holds_only_under_the_constraints()
    {
        // The check must apply the recorded constraint: without it, the folded netlist differs.
        var nl = PassTestKit.HandMade();
        var folded = new ConstFoldPass([new InputConstraint("x", 0, true)]).Run(nl, new PassContext()).Netlist;
        PassTestKit.AssertEquivalent(nl, folded, "const-fold");
        var unconstrained = Equivalence.Vectors(nl.InputCount);
        var a = GateForge.Sim.CombEvaluator.Evaluate(nl, unconstrained);
        var b = GateForge.Sim.CombEvaluator.Evaluate(folded, unconstrained);
        Assert.False(a.RowsEqual(b));
    }

    [Fact]
    public void Constraints_come_from_the_netlist_the_pass_and_the_context()
    {
        var nl = RandomNetlists.Layered(12, [40, 40, 20], seed: 2);
        var once = new ConstFoldPass([new InputConstraint("x", 3, true)]).Run(nl, new PassContext()).Netlist;
        var context = new PassContext { Constraints = [new InputConstraint("x", 5, false)] };
        var twice = new PassManager(context) { VerifyEachPass = true }.Run(once, "const-fold(x[7]=1)").Final;
        Assert.Equal(
            [new InputConstraint("x", 3, true), new InputConstraint("x", 7, true), new InputConstraint("x", 5, false)],
            twice.Constraints);
        PassTestKit.AssertEquivalent(nl, twice, "const-fold twice");
    }

    [Fact]
    public void Without_constraints_a_folded_netlist_is_unchanged()
    {
        var nl = new StrashPass().Run(RandomNetlists.Dag(10, 300, 6, seed: 9), new PassContext()).Netlist;
        var r = new ConstFoldPass().Run(nl, new PassContext());
        Assert.False(r.Changed);
        Assert.Same(nl, r.Netlist);
        Assert.Equal(0, r.Counts["constant_inputs"]);
    }

    [Theory]
    [InlineData("const-fold(q[0]=1)", "no input bus 'q'")]
    [InlineData("const-fold(x[12]=1)", "bus 'x' has 12 bits")]
    [InlineData("const-fold(x[1]=1,x[1]=0)", "declared both 0 and 1")]
    public void Bad_constraints_are_refused_with_a_clear_message(string pipeline, string message)
    {
        var nl = RandomNetlists.Dag(12, 50, 3, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => new PassManager().Run(nl, pipeline));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("const-fold(x[1]=2)", "must be 0 or 1")]
    [InlineData("const-fold(x[a]=1)", "not an input bit")]
    [InlineData("const-fold(x1=1)", "has no option 'x1'")]
    public void Bad_constraint_syntax_is_refused_when_parsing(string pipeline, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineParser.Parse(pipeline));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_of_a_folded_handmade_netlist() =>
        Snapshot.Match(NetlistDump.ToText(new ConstFoldPass([new InputConstraint("x", 2, true), new InputConstraint("x", 4, false)])
            .Run(PassTestKit.HandMade(), new PassContext()).Netlist), "handmade-x2-1-x4-0");
}
