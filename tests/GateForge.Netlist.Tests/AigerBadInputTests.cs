namespace GateForge.Ir.Tests;

/// <summary>Each malformed fixture in bad-inputs/ is refused with a message naming the file, the line or byte and the problem.</summary>
public sealed class AigerBadInputTests
{
    [Theory]
    [InlineData("not-aiger.aag", ":1: not an AIGER file")]
    [InlineData("short-header.aag", ":1: the header has 3 numbers")]
    [InlineData("properties.aag", ":1: the header declares 1 bad-state properties")]
    [InlineData("header-m-too-small.aag", ":1: header M = 2 is smaller than I + L + A = 3")]
    [InlineData("header-larger-than-file.aag", ":1: the header declares more than the 4 bytes after it can hold")]
    [InlineData("huge-header.aig", ":1: header count 100000000 is larger than this reader supports")]
    [InlineData("m-mismatch.aig", ":1: header M = 5 must equal I + L + A = 3 in a binary file")]
    [InlineData("odd-input.aag", ":3: input literal 3 is odd")]
    [InlineData("garbage-after-number.aag", ":3: expected the end of the line, found 'x'")]
    [InlineData("literal-out-of-range.aag", ":4: output literal 20 is out of range")]
    [InlineData("output-undefined.aag", ":4: output literal 10 refers to undefined variable 5")]
    [InlineData("bad-latch-init.aag", ":3: latch 4: reset value 7 must be 0, 1 or the latch literal")]
    [InlineData("and-defined-twice.aag", ":7: variable 3 (literal 6) is defined twice")]
    [InlineData("undefined-literal.aag", ":5: AND 6 uses literal 10, whose variable is never defined")]
    [InlineData("cycle.aag", ":6: AND 8 is part of a combinational cycle")]
    [InlineData("missing-lines.aag", ":6: unexpected end of file, expected AND literal")]
    [InlineData("symbol-out-of-range.aag", ":7: symbol i5 is out of range (the file has 2)")]
    [InlineData("partial-symbols.aag", ": input 1 has no symbol while others do")]
    [InlineData("truncated-ands.aig", ": byte 18: binary AND section is truncated inside AND 1 of 2")]
    [InlineData("zero-delta.aig", ": byte 16: AND 0 (literal 6): first delta 0")]
    [InlineData("delta-too-large.aig", ": byte 16: AND 0 (literal 6): second delta 9 gives a negative literal")]
    [InlineData("overlong-varint.aig", ": byte 20: delta of AND 0 does not fit in 32 bits")]
    [InlineData("bad-symbol.aig", ": byte 20: expected a symbol")]
    public void Malformed_file_is_refused(string file, string problem)
    {
        var path = Path.Combine(IoSamples.BadInputs(), file);
        var e = Assert.Throws<NetlistException>(() => Aiger.Load(path));
        Assert.StartsWith(path + problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_with_other_counts_is_refused()
    {
        var b = new NetlistBuilder();
        b.AddInputBus("x", 3);
        var e = Assert.Throws<NetlistException>(() =>
            Aiger.Read(new MemoryStream("aag 1 1 0 0 0\n2\n"u8.ToArray()), "t.aag", b.Build()));
        Assert.Equal("t.aag: the file has 1 inputs and 0 outputs but the interface template has 3 and 0", e.Message);
    }
}
