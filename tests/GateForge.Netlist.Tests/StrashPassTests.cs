using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class StrashPassTests
{
    [Fact]
    public void A_netlist_from_the_builder_is_already_hashed_so_strash_changes_nothing()
    {
        // Every netlist comes from the builder, which hashes; strash is the identity on a valid
        // netlist, and merging shows only when fanins change (const-fold substitutes, then the
        // same rebuild folds x0&1 into x0).
        foreach (var (name, nl) in PassTestKit.Corpus())
        {
            var r = new StrashPass().Run(nl, new PassContext());
            Assert.False(r.Changed, name);
            Assert.Equal(0, r.Counts["gates_merged"]);
            Assert.True(NetlistCompare.SameStructure(nl, r.Netlist), name);
        }
        var hand = PassTestKit.HandMade();
        var folded = new ConstFoldPass([new InputConstraint("x", 1, true)]).Run(hand, new PassContext()).Netlist;
        Assert.Equal(hand.GateCount - 1, folded.GateCount);
        PassTestKit.AssertEquivalent(hand, folded, "const-fold");
    }

    [Fact]
    public void Keeps_dead_gates_for_dce()
    {
        var nl = PassTestKit.HandMade();
        var r = new StrashPass().Run(nl, new PassContext());
        Assert.Equal(nl.GateCount, r.Netlist.GateCount);
        Assert.True(new DcePass().Run(r.Netlist, new PassContext()).Netlist.GateCount < nl.GateCount);
    }

    [Fact]
    public void Snapshot_of_strash_on_a_handmade_netlist() =>
        Snapshot.Match(NetlistDump.ToText(new StrashPass().Run(PassTestKit.HandMade(), new PassContext()).Netlist), "handmade");
}
