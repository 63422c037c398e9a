using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class DumpTests
{
    [Fact]
    public void Snapshots_of_hand_made_netlists()
    {
        Snapshot.Match(NetlistDump.ToText(IoSamples.Adder()), "adder");
        Snapshot.Match(NetlistDump.ToText(IoSamples.TinyHead()), "tiny_head");
        Snapshot.Match(NetlistDump.ToText(IoSamples.Counter()), "counter");
    }

    [Fact]
    public void Lines_name_nodes_literals_and_bus_bits()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 3);
        var g = b.And(Lit.Not(x[0]), x[2]);
        var q = b.AddLatch(LatchInit.None);
        b.SetLatchNext(q, Lit.Not(g));
        b.AddOutputBus("y", [b.Xor(x[1], g), Lit.True, q]);
        var text = NetlistDump.ToText(b.Build());
        var lines = text.Split('\n');
        Assert.Equal("netlist nodes=7 inputs=3 outputs=3 and=1 xor=1 latch=1", lines[0]);
        Assert.Contains("n3 = INPUT x[2]", lines);
        Assert.Contains("n4 = AND !n1 n3", lines);
        Assert.Contains("n5 = LATCH next=!n4 init=none", lines);
        Assert.Contains("n6 = XOR n2 n4", lines);
        Assert.Contains("y[1] = 1", lines);
        Assert.Contains("y[2] = n5", lines);
        Assert.EndsWith("y[2] = n5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Streaming_write_equals_the_string_and_attributes_stay_on_one_line()
    {
        var nl = IoSamples.RandomSequential(4, 60, 3, 4, seed: 3);
        using var sw = new StringWriter();
        NetlistDump.Write(nl, sw);
        var text = NetlistDump.ToText(nl);
        Assert.Equal(text, sw.ToString());
        Assert.Contains("attribute note = line one\\nline \"two\"\\t\\\\ end\n", text, StringComparison.Ordinal);
        Assert.Contains("constraint x[0] = 1\n", text, StringComparison.Ordinal);
    }
}
