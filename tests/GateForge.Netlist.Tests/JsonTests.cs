using System.Text;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class JsonTests
{
    private static Netlist RoundTrip(Netlist nl)
    {
        using var ms = new MemoryStream();
        NetlistJson.Write(nl, ms);
        ms.Position = 0;
        return NetlistJson.Read(ms, "memory.json");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Random_dags_round_trip_to_the_same_dump_and_function(int seed)
    {
        var nl = RandomNetlists.Dag(12, 300, 9, seed);
        var back = RoundTrip(nl);
        back.Verify();
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
        Equivalence.AssertSame(nl, back);
    }

    [Fact]
    public void Head_netlist_round_trips_with_attributes()
    {
        var nl = RandomNetlists.Layered(20, [40, 30], seed: 5, headClasses: 5);
        var back = RoundTrip(nl);
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
        Assert.Equal("5", back.Attribute("head.classes"));
        Equivalence.AssertSame(nl, back);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Sequential_netlists_round_trip_with_latches_constraints_and_attributes(int seed)
    {
        var nl = IoSamples.RandomSequential(6, 120, 7, 5, seed);
        var back = RoundTrip(nl);
        back.Verify();
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
        Assert.Equal(nl.Constraints, back.Constraints);
        Assert.Equal("line one\nline \"two\"\t\\ end", back.Attribute("note"));
        IoSamples.AssertSameSequential(nl, back);
    }

    [Fact]
    public void Zero_width_and_empty_buses_keep_their_order()
    {
        var b = new NetlistBuilder();
        b.AddInputBus("empty", 0);
        var x = b.AddInputBus("x", 2);
        b.AddInputBus("tail", 0);
        b.AddOutputBus("none", []);
        b.AddOutputBus("y", [b.And(x[0], x[1])]);
        var nl = b.Build();
        var back = RoundTrip(nl);
        Assert.Equal(["empty", "x", "tail"], back.InputBuses.Select(bus => bus.Name));
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
    }

    [Fact]
    public void File_starts_with_format_and_version_and_is_deterministic()
    {
        var nl = IoSamples.Adder();
        using var a = new MemoryStream();
        using var c = new MemoryStream();
        NetlistJson.Write(nl, a);
        NetlistJson.Write(IoSamples.Adder(), c);
        Assert.Equal(a.ToArray(), c.ToArray());
        var text = Encoding.UTF8.GetString(a.ToArray());
        Assert.StartsWith("{\n  \"format\": \"gateforge-netlist\",\n  \"version\": 1,\n", text, StringComparison.Ordinal);
        // One node per line: n8 is input b[3], n9 = XOR n1 n5, n10 = AND n1 n5.
        Assert.Contains("\n    [1, 7, 0],\n    [3, 2, 10],\n    [2, 2, 10],\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_writes_through_a_temporary_file_and_Load_reads_it_back()
    {
        using var dir = new TempDir();
        var path = dir.File("netlist.json");
        File.WriteAllText(path, "old contents");
        NetlistJson.Save(IoSamples.TinyHead(), path);
        Assert.Equal([path], Directory.GetFiles(dir.Path));
        var back = NetlistJson.Load(path);
        Assert.Equal(NetlistDump.ToText(IoSamples.TinyHead()), NetlistDump.ToText(back));
    }

    [Fact]
    public void Nodes_before_other_fields_read_the_same_as_the_written_layout()
    {
        // The writer puts "nodes" last (the reader's fast path); any field order is still valid.
        var nl = IoSamples.RandomSequential(5, 80, 4, 4, seed: 8);
        using var ms = new MemoryStream();
        NetlistJson.Write(nl, ms);
        var text = Encoding.UTF8.GetString(ms.ToArray());
        var nodesAt = text.IndexOf("  \"nodes\"", StringComparison.Ordinal);
        var attributesAt = text.IndexOf("  \"nodeCount\"", StringComparison.Ordinal);
        var nodes = text[nodesAt..text.LastIndexOf('}')].TrimEnd();
        var reordered = text[..attributesAt] + nodes + ",\n" + text[attributesAt..nodesAt].TrimEnd().TrimEnd(',') + "\n}\n";
        var back = NetlistJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(reordered)), "reordered.json");
        Assert.Equal(NetlistDump.ToText(nl), NetlistDump.ToText(back));
    }

    [Fact]
    public void A_valid_but_non_canonical_file_is_rebuilt_canonically()
    {
        // AND fanins in the wrong order, a duplicate AND and a constant fanin: all legal input.
        const string Json = """
            {"format": "gateforge-netlist", "version": 1, "nodeCount": 6,
             "inputs": [{"name": "x", "width": 2}],
             "outputs": [{"name": "y", "bits": [7, 9, 11]}],
             "nodes": [[1, 0, 0], [1, 1, 0], [2, 4, 2], [2, 2, 4], [2, 1, 6]]}
            """;
        var nl = NetlistJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(Json)), "hand.json");
        nl.Verify();
        Assert.Equal(1, nl.CountOf(NodeKind.And));
        Assert.Equal([7, 7, 7], nl.OutputBus("y").Bits);
    }
}
