using System.Numerics;
using GateForge.Ir;
using GateForge.Sim.Vcd;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

public sealed class VcdTests
{
    /// <summary>A 3-bit counter with enable and synchronous reset to 0; output bus count = the state.</summary>
    private static Netlist Counter()
    {
        var b = new NetlistBuilder();
        var en = b.AddInputBus("en", 1)[0];
        var q = new[] { b.AddLatch(), b.AddLatch(), b.AddLatch() };
        var carry = en;
        foreach (var bit in q)
        {
            b.SetLatchNext(bit, b.Xor(bit, carry));
            carry = b.And(bit, carry);
        }
        b.AddOutputBus("count", q);
        b.AddOutputBus("wrap", [carry]);
        b.SetAttribute("design", "counter");
        return b.Build();
    }

    private static VcdWriter RunCounter()
    {
        var nl = Counter();
        var sim = new CycleSimulator(nl, 3);
        var vcd = new VcdWriter(nl, stream: 1);
        // Stream 1: enabled every cycle except cycle 4; reset on cycle 10.
        for (var cycle = 0; cycle < 13; cycle++)
        {
            var inputs = new PackedBits(1, 3);
            inputs.Set(0, 1, cycle != 4);
            vcd.Step(sim, inputs, reset: cycle == 10);
        }
        return vcd;
    }

    [Fact]
    public void Counter_dump_parses_back_with_the_expected_transitions()
    {
        var writer = RunCounter();
        var text = new StringWriter();
        writer.Write(text);
        var vcd = VcdFile.Parse(text.ToString());
        Assert.Equal("1ns", vcd.Timescale);
        Assert.Equal(3, vcd.Variable("count").Width);
        Assert.Equal("counter", vcd.Variable("count").Scope);
        // count in cycle c (time 10c): 0,1,2,3,4,4(en low in cycle 4),5,6,7,0(wrap),1, then reset at the edge of cycle 10.
        var expected = new ulong[] { 0, 1, 2, 3, 4, 4, 5, 6, 7, 0, 1, 0, 1 };
        for (var c = 0; c < expected.Length; c++)
            Assert.True(expected[c] == vcd.ValueAt("count", c * 10), $"cycle {c}");
        Assert.Equal(
            [(0L, 0UL), (10, 1), (20, 2), (30, 3), (40, 4), (60, 5), (70, 6), (80, 7), (90, 0), (100, 1), (110, 0), (120, 1)],
            Plain(vcd.Changes("count")));
        Assert.Equal([(0L, 0UL), (80, 1), (90, 0)], Plain(vcd.Changes("wrap")));
        Assert.Equal([(0L, 0UL), (100, 1), (110, 0)], Plain(vcd.Changes("rst")));
        var clk = Plain(vcd.Changes("clk"));
        Assert.Equal(26, clk.Count);
        Assert.Equal((5L, 1UL), clk[1]);
        Assert.Equal((10L, 0UL), clk[2]);
    }

    [Fact]
    public void Counter_dump_matches_its_snapshot()
    {
        var text = new StringWriter();
        RunCounter().Write(text);
        Snapshot.Match(text.ToString(), "counter", "vcd");
    }

    [Fact]
    public void Chosen_buses_only_and_unknown_bus_is_an_error()
    {
        var nl = Counter();
        var w = new VcdWriter(nl, ["wrap"]);
        w.Record(new PackedBits(1, 1), new PackedBits(4, 1));
        var text = new StringWriter();
        w.Write(text);
        var vcd = VcdFile.Parse(text.ToString());
        Assert.Equal(["clk", "rst", "wrap"], vcd.Variables.Select(v => v.Name).Order(StringComparer.Ordinal));
        var ex = Assert.Throws<ArgumentException>(() => new VcdWriter(nl, ["nope"]));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Buses_wider_than_64_bits_are_written_whole()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("wide", 70);
        b.AddOutputBus("y", [x[69]]);
        var nl = b.Build();
        var inputs = new PackedBits(70, 1);
        inputs.Set(69, 0, true);
        inputs.Set(0, 0, true);
        var w = new VcdWriter(nl);
        w.Record(inputs, CombEvaluator.Evaluate(nl, inputs));
        var text = new StringWriter();
        w.Write(text);
        Assert.Contains("$var wire 70 ! wide [69:0] $end", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("b1" + new string('0', 68) + "1 !", text.ToString(), StringComparison.Ordinal);
        var vcd = VcdFile.Parse(text.ToString());
        Assert.Equal(BigInteger.One, vcd.ValueAt("y", 0));
        Assert.Equal((BigInteger.One << 69) + 1, vcd.ValueAt("wide", 0));
    }

    [Fact]
    public void Save_writes_a_file_that_loads()
    {
        using var dir = new TempDir();
        var path = dir.File("counter.vcd");
        RunCounter().Save(path);
        Assert.Equal(new BigInteger(7), VcdFile.Load(path).ValueAt("count", 85));
        Assert.False(File.Exists(path + ".tmp"));
    }

    private static List<(long Time, ulong Value)> Plain(IReadOnlyList<(long Time, BigInteger Value)> changes) =>
        [.. changes.Select(c => (c.Time, (ulong)c.Value))];
}
