using System.Text;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class AigerTests
{
    private static Netlist RoundTrip(Netlist nl, bool binary, Netlist? template = null)
    {
        using var ms = new MemoryStream();
        if (binary)
            Aiger.WriteBinary(nl, ms);
        else
            Aiger.WriteAscii(nl, ms);
        ms.Position = 0;
        return Aiger.Read(ms, binary ? "memory.aig" : "memory.aag", template);
    }

    private static string AsciiText(Netlist nl)
    {
        using var ms = new MemoryStream();
        Aiger.WriteAscii(nl, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static Netlist ReadText(string text, string name = "hand.aag", Netlist? template = null) =>
        Aiger.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, template);

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    [InlineData(true, 2)]
    public void Netlists_with_xors_round_trip_to_the_same_function(bool binary, int seed)
    {
        var nl = RandomNetlists.Dag(14, 400, 12, seed, xorShare: 0.4);
        var back = RoundTrip(nl, binary);
        back.Verify();
        Assert.Equal(0, back.CountOf(NodeKind.Xor));
        Assert.Equal(["x"], back.InputBuses.Select(b => b.Name));
        Assert.Equal(["y"], back.OutputBuses.Select(b => b.Name));
        Equivalence.AssertSame(nl, back);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void And_only_netlists_round_trip_to_the_same_dump(bool binary)
    {
        var nl = RandomNetlists.Dag(10, 300, 8, seed: 4, xorShare: 0);
        var back = RoundTrip(nl, binary);
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Head_netlist_keeps_its_buses_and_function(bool binary)
    {
        var nl = IoSamples.TinyHead();
        var back = RoundTrip(nl, binary);
        Assert.Equal(["x"], back.InputBuses.Select(b => b.Name));
        Assert.Equal(["scores", "class_id"], back.OutputBuses.Select(b => b.Name));
        Assert.Equal(nl.OutputBus("scores").Width, back.OutputBus("scores").Width);
        Equivalence.AssertSame(nl, back);
    }

    [Theory]
    [InlineData(false, 21)]
    [InlineData(true, 21)]
    [InlineData(false, 22)]
    [InlineData(true, 22)]
    public void Latches_keep_their_order_reset_values_and_next_states(bool binary, int seed)
    {
        var nl = IoSamples.RandomSequential(5, 150, 9, 6, seed);
        var back = RoundTrip(nl, binary);
        back.Verify();
        Assert.Equal(IoSamples.LatchInits(nl), IoSamples.LatchInits(back));
        IoSamples.AssertSameSequential(nl, back);
    }

    [Fact]
    public void Latch_lines_use_the_aiger_1_9_reset_forms()
    {
        var text = AsciiText(IoSamples.Counter());
        // inputs 2, 4; latches 6 (reset 0: no init), 8 (reset 1), 10 (none: its own literal);
        // q0 ^ en is AND 16, q1 ^ (q0 & en) is AND 22 (q0 & en is shared with the first XOR)
        Assert.StartsWith("aag 11 2 3 3 6\n2\n4\n6 16\n8 22 1\n10 4 10\n", text, StringComparison.Ordinal);
        Assert.Contains("\nl0 l0\nl1 l1\nl2 l2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Xor_is_written_the_way_yosys_writes_it()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        b.AddOutputBus("y", [b.Xor(x[0], x[1])]);
        var text = AsciiText(b.Build());
        // 6 = a & b, 8 = ~a & ~b, 10 = ~6 & ~8  i.e. ~(a & b) & ~(~a & ~b)
        Assert.Equal("aag 5 2 0 1 3\n2\n4\n10\n6 4 2\n8 5 3\n10 9 7\ni0 x[0]\ni1 x[1]\no0 y\nc\ngateforge\n", text);
    }

    [Fact]
    public void Shared_ands_are_written_once()
    {
        // AND(a,b) exists as a node and inside XOR(a,b): the file defines it once.
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 2);
        b.AddOutputBus("y", [b.And(x[0], x[1]), b.Xor(x[0], x[1])]);
        var text = AsciiText(b.Build());
        Assert.StartsWith("aag 5 2 0 2 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Symbols_group_into_buses_and_the_template_overrides_them()
    {
        const string Text = "aag 3 3 0 2 0\n2\n4\n6\n2\n7\ni0 a[0]\ni1 a[1]\ni2 en\no0 q[0]\no1 q[1]\n";
        var nl = ReadText(Text);
        Assert.Equal(["a[2]", "en[1]"], nl.InputBuses.Select(b => b.ToString()));
        Assert.Equal(["q[2]"], nl.OutputBuses.Select(b => b.ToString()));

        var tb = new NetlistBuilder();
        tb.AddInputBus("p", 1);
        var t = tb.AddInputBus("r", 2);
        tb.AddOutputBus("s", [t[0]]);
        tb.AddOutputBus("u", [t[1]]);
        tb.SetAttribute("design", "templ");
        var withTemplate = ReadText(Text, template: tb.Build());
        Assert.Equal(["p[1]", "r[2]"], withTemplate.InputBuses.Select(b => b.ToString()));
        Assert.Equal(["s[1]", "u[1]"], withTemplate.OutputBuses.Select(b => b.ToString()));
        Assert.Equal("templ", withTemplate.Attribute("design"));
    }

    [Fact]
    public void Files_without_symbols_get_buses_x_and_y()
    {
        var nl = ReadText("aag 3 2 0 1 1\n2\n4\n6\n6 2 5\n");
        Assert.Equal(["x[2]"], nl.InputBuses.Select(b => b.ToString()));
        Assert.Equal(["y[1]"], nl.OutputBuses.Select(b => b.ToString()));
        var outs = Sim.CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(2));
        Assert.Equal([false, true, false, false], Enumerable.Range(0, 4).Select(s => outs.Get(0, s)));
    }

    [Fact]
    public void Ascii_ands_may_come_in_any_order_and_any_numbering()
    {
        // y = (x0 & x1) & ~x2, the outer AND listed first; input variables not numbered 1..I.
        var nl = ReadText("aag 9 3 0 1 2\n18\n4\n6\n16\n16 10 7\n10 18 4\ni0 x[0]\ni1 x[1]\ni2 x[2]\no0 y[0]\n");
        var outs = Sim.CombEvaluator.Evaluate(nl, PackedBits.Exhaustive(3));
        for (var s = 0; s < 8; s++)
            Assert.Equal(s == 3, outs.Get(0, s));
    }

    [Fact]
    public void Header_with_zero_property_sections_is_accepted_and_comments_are_ignored()
    {
        var nl = ReadText("aag 1 1 0 1 0 0 0 0 0\n2\n3\ni0 x[0]\no0 y[0]\nc\nanything\ngoes here\n");
        Assert.Equal(3, nl.OutputBus("y[0]").Bits[0]); // a lone y[0] keeps its name (AigerSymbols)
    }

    [Fact]
    public void Save_picks_the_format_by_extension_and_Load_detects_it()
    {
        using var dir = new TempDir();
        var nl = IoSamples.Adder();
        Aiger.Save(nl, dir.File("adder.aag"));
        Aiger.Save(nl, dir.File("adder.aig"));
        Assert.StartsWith("aag ", File.ReadAllText(dir.File("adder.aag")), StringComparison.Ordinal);
        Assert.StartsWith("aig ", File.ReadAllText(dir.File("adder.aig")), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
        Equivalence.AssertSame(nl, Aiger.Load(dir.File("adder.aag")));
        Equivalence.AssertSame(nl, Aiger.Load(dir.File("adder.aig")));
        Assert.Throws<ArgumentException>(() => Aiger.Save(nl, dir.File("adder.txt")));
    }

    [Fact]
    public void Ascii_snapshots_of_the_adder_and_the_tiny_head()
    {
        Snapshot.Match(AsciiText(IoSamples.Adder()), "adder", "aag");
        Snapshot.Match(AsciiText(IoSamples.TinyHead()), "tiny_head", "aag");
    }
}
