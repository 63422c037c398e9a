using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class HexVectorsTests
{
    [Fact]
    public void Lines_are_msb_first_with_bit_0_from_the_first_bus()
    {
        var nl = IoSamples.Adder(); // a[4] b[4] -> sum[5]
        var inputs = new PackedBits(8, 2);
        inputs.WriteUInt(0, 4, 0, 0x3); // a = 3, b = 0xA
        inputs.WriteUInt(4, 4, 0, 0xA);
        inputs.WriteUInt(0, 4, 1, 0xF);
        inputs.WriteUInt(4, 4, 1, 0x1);
        using var sw = new StringWriter();
        HexVectors.WriteInputs(nl, inputs, sw);
        Assert.Equal("a3\n1f\n", sw.ToString());

        using var so = new StringWriter();
        HexVectors.WriteOutputs(nl, CombEvaluator.Evaluate(nl, inputs), so);
        Assert.Equal("0d\n10\n", so.ToString()); // 5 bits: 2 digits
    }

    [Fact]
    public void Written_vectors_read_back_identically()
    {
        var nl = RandomNetlists.Layered(37, [40, 30], seed: 6, headClasses: 3);
        var inputs = PackedBits.Random(37, 150, seed: 4);
        using var sw = new StringWriter();
        HexVectors.WriteInputs(nl, inputs, sw);
        var back = HexVectors.ReadLines(new StringReader(sw.ToString()), 37, "in.hex");
        Assert.True(inputs.RowsEqual(back));

        var outputs = CombEvaluator.Evaluate(nl, inputs);
        using var so = new StringWriter();
        HexVectors.WriteOutputs(nl, outputs, so);
        Assert.True(outputs.RowsEqual(HexVectors.ReadLines(new StringReader(so.ToString()), nl.OutputCount)));
        Assert.Equal(HexVectors.OutputWidth(nl), nl.OutputCount);
    }

    [Fact]
    public void Valid_buses_are_left_out()
    {
        var nl = IoSamples.Counter(); // inputs en, in_valid; outputs count[2], out_valid
        Assert.Equal(1, HexVectors.InputWidth(nl));
        Assert.Equal(2, HexVectors.OutputWidth(nl));
        var inputs = new PackedBits(2, 1);
        inputs.Set(1, 0, true); // in_valid only
        using var sw = new StringWriter();
        HexVectors.WriteInputs(nl, inputs, sw);
        Assert.Equal("0\n", sw.ToString());
        var outputs = new PackedBits(3, 1);
        outputs.Set(1, 0, true);
        outputs.Set(2, 0, true); // out_valid
        using var so = new StringWriter();
        HexVectors.WriteOutputs(nl, outputs, so);
        Assert.Equal("2\n", so.ToString());
    }

    [Fact]
    public void Comments_and_blank_lines_are_skipped()
    {
        var bits = HexVectors.ReadLines(new StringReader("// header\n\n1f // first\n  0A\r\n"), 5);
        Assert.Equal(2, bits.Samples);
        Assert.Equal(0x1fUL, bits.ReadUInt(0, 5, 0));
        Assert.Equal(0x0aUL, bits.ReadUInt(0, 5, 1));
    }

    [Theory]
    [InlineData("1f\n123\n", "vec.hex:2: expected 2 hex digits for 5 bits, found 3")]
    [InlineData("1g\n", "vec.hex:1: 'g' is not a hex digit")]
    [InlineData("2f\n", "vec.hex:1: value has bits set above bit 4")]
    public void Bad_lines_are_refused_with_file_and_line(string text, string message)
    {
        var e = Assert.Throws<NetlistException>(() => HexVectors.ReadLines(new StringReader(text), 5, "vec.hex"));
        Assert.Equal(message, e.Message);
    }
}
