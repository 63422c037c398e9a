namespace GateForge.Ir.Tests;

/// <summary>Each malformed fixture in bad-inputs/ is refused with a message naming the file, the place and the problem.</summary>
public sealed class JsonBadInputTests
{
    [Theory]
    [InlineData("syntax-error.json", "line 5, byte 15: invalid JSON: ',' is an invalid start of a value")]
    [InlineData("truncated.json", "line 8, byte 6: invalid JSON")]
    [InlineData("empty.json", "line 1, byte 1: invalid JSON")]
    [InlineData("not-a-netlist.json", "line 2, byte 3: expected the field \"format\" here")]
    [InlineData("unknown-format.json", "line 2, byte 13: unknown format \"yosys-json\"")]
    [InlineData("wrong-version.json", "line 3, byte 14: unsupported version 2")]
    [InlineData("forward-fanin.json", "line 9, byte 5: node n3: fanin 8 points forward to n4")]
    [InlineData("unknown-kind.json", "line 9, byte 5: node n3: unknown kind 7")]
    [InlineData("fanin-not-integer.json", "line 9, byte 9: node n3 fanin0 must be an integer, found \"n1\"")]
    [InlineData("input-out-of-order.json", "line 7, byte 5: input node n1 has position 1, expected 0")]
    [InlineData("bad-latch-init.json", "line 10, byte 5: latch n4: reset value 5 must be 0, 1 or 2")]
    [InlineData("latch-next-missing.json", "latch n4: next-state literal 30 refers to missing node n15")]
    [InlineData("missing-output-node.json", "output y[1]: literal 40 refers to missing node n20")]
    [InlineData("input-width-mismatch.json", "input buses hold 3 bits but \"nodes\" defines 2 input nodes")]
    [InlineData("node-count-mismatch.json", "nodeCount is 9 but \"nodes\" defines 4 nodes")]
    [InlineData("constraint-missing-bus.json", "constraint names input bus 'z', which does not exist")]
    [InlineData("duplicate-bus.json", "bus name 'x' is used twice")]
    [InlineData("invalid-utf8.json", "line 1, byte 12: a string is not valid UTF-8")]
    [InlineData("literal-runs-to-the-end.json", "line 1, byte 13: invalid JSON: 'f\\n\"a\",\\n\"a\",")]
    [InlineData("name-with-newline.json", "line 1, byte 47: unknown field \"x\\ny\"")]
    public void Malformed_file_is_refused(string file, string problem)
    {
        var path = Path.Combine(IoSamples.BadInputs(), file);
        var e = Assert.Throws<NetlistException>(() => NetlistJson.Load(path));
        Assert.Equal($"{path}: {problem}", e.Message[..Math.Min(e.Message.Length, path.Length + 2 + problem.Length)]);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(e.Message.Length < path.Length + 300, $"{e.Message.Length} characters");
    }

    [Fact]
    public void Missing_file_is_a_netlist_exception_naming_it()
    {
        var path = Path.Combine(IoSamples.BadInputs(), "no-such-file.json");
        var e = Assert.Throws<NetlistException>(() => NetlistJson.Load(path));
        Assert.StartsWith($"{path}: cannot open", e.Message, StringComparison.Ordinal);
    }
}
