using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class DcePassTests
{
    [Fact]
    public void Drops_gates_no_output_reaches_and_keeps_inputs_by_default()
    {
        var nl = PassTestKit.HandMade();
        var r = new DcePass().Run(nl, new PassContext());
        r.Netlist.Verify();
        Assert.True(r.Changed);
        Assert.Equal(1, r.Counts["gates_dropped"]);
        Assert.Equal(nl.InputCount, r.Netlist.InputCount);
        Assert.Equal(nl.GateCount - 1, r.Netlist.GateCount);
        Assert.False(new DcePass().Run(r.Netlist, new PassContext()).Changed);
    }

    [Fact]
    public void Keeps_latches_and_what_they_read()
    {
        var piped = new PassManager().Run(PassTestKit.HandMade(), "pipeline(every=1)").Final;
        var r = new DcePass().Run(piped, new PassContext());
        r.Netlist.Verify();
        Assert.Equal(piped.LatchCount, r.Netlist.LatchCount);
        Assert.Equal(piped.GateCount - 1, r.Netlist.GateCount); // only the dead XOR goes
    }

    [Fact]
    public void Dropping_inputs_records_which_bits_went()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 6);
        var unused = b.AddInputBus("unused", 3);
        var z = b.AddInputBus("z", 2);
        b.AddOutputBus("y", [b.And(x[1], z[1]), b.Xor(x[4], x[5]), Lit.Not(x[4])]);
        b.AddConstraint(new InputConstraint("x", 5, true));
        b.AddConstraint(new InputConstraint("unused", 1, false));
        _ = unused;
        var nl = b.Build();

        var r = new DcePass(dropUnusedInputs: true).Run(nl, new PassContext());
        var n = r.Netlist;
        n.Verify();
        Assert.Equal(7, r.Counts["inputs_dropped"]); // x0, x2, x3, unused[0..2], z0
        Assert.Equal(["x", "z"], n.InputBuses.Select(bus => bus.Name));
        Assert.Equal([1, 4, 5], DroppedInputs.OriginalBits(n, "x"));
        Assert.Equal([1], DroppedInputs.OriginalBits(n, "z"));
        Assert.Equal(["unused"], DroppedInputs.DroppedBuses(n));
        Assert.Equal("0,2-3", n.Attribute("dce.dropped.x"));
        Assert.Equal("6", n.Attribute("dce.width.x"));
        Assert.Equal([new InputConstraint("x", 2, true)], n.Constraints); // renumbered: x[5] is now bit 2
        Assert.Equal(
            [new InputConstraint("x", 5, true), new InputConstraint("unused", 1, false)],
            DroppedInputs.OriginalConstraints(n));
        PassTestKit.AssertEquivalent(nl, n, "dce(inputs)");

        // A second drop composes with the first: current x[0] is original x[1]; the recorded
        // constraint on x[5] is folded too, so only original x[4] is left.
        var again = new PassManager { VerifyEachPass = true }.Run(n, "const-fold(x[0]=0),dce(inputs)").Final;
        Assert.Equal([4], DroppedInputs.OriginalBits(again, "x"));
        Assert.Equal("0-3,5", again.Attribute("dce.dropped.x"));
        Assert.Equal(["unused", "z"], DroppedInputs.DroppedBuses(again).Order());
        Assert.Equal(
            [new InputConstraint("x", 1, false), new InputConstraint("x", 5, true), new InputConstraint("unused", 1, false)],
            DroppedInputs.OriginalConstraints(again).OrderBy(c => c.Bus != "x").ThenBy(c => c.Bit));
        PassTestKit.AssertEquivalent(nl, again, "dce(inputs) twice");
    }

    [Fact]
    public void Malformed_drop_attributes_are_refused()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        b.AddOutputBus("y", [b.And(x[0], x[1])]);
        b.SetAttribute("dce.width.x", "4");
        b.SetAttribute("dce.dropped.x", "1-9");
        var e = Assert.Throws<NetlistException>(() => DroppedInputs.OriginalBits(b.Build(), "x"));
        Assert.Contains("dce.dropped.x", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_of_dce_with_inputs_on_a_handmade_netlist() =>
        Snapshot.Match(NetlistDump.ToText(new PassManager().Run(PassTestKit.HandMade(), "const-fold(x[3]=0),dce(inputs)").Final), "handmade-inputs");
}
