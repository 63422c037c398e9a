using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>
/// AIGER symbols in any order (issue 15 item 1): Yosys writes a bus out of bit order, ABC keeps
/// its order, hand-made files use any. Bits are grouped by name and index, and every name comes
/// back exactly as read, so ABC's cec (which matches inputs by name) proves read-vs-written equal.
/// </summary>
public sealed class AigerSymbolOrderTests
{
    private static Netlist Parse(string text, string name = "t.aag") =>
        Aiger.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), name);

    private static string Cec(TempDir dir, string a, string b)
    {
        var r = ExternalTool.Run("berkeley-abc", ["-c", $"cec {a} {b}"], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(r.Ok, $"ABC failed: {r.Tail()}");
        return r.Stdout;
    }

    private static string[] Symbols(string path) =>
        [.. File.ReadAllText(path, System.Text.Encoding.Latin1).Split('\n').Where(l => l.Length > 1 && l[0] is 'i' or 'o' && char.IsAsciiDigit(l[1]))];

    [Fact]
    public void Symbols_out_of_bit_order_are_grouped_by_index()
    {
        // Position 0 is x[2], position 1 x[0], position 2 x[1]; y = x[0] & ~x[2]; z is a plain name.
        var nl = Parse("aag 4 3 0 2 1\n2\n4\n6\n6\n8\n8 4 3\ni0 x[2]\ni1 x[0]\ni2 x[1]\no0 z\no1 y[0]\n");
        var x = Assert.Single(nl.InputBuses);
        Assert.Equal(("x", 3), (x.Name, x.Width));
        Assert.Equal(["z", "y[0]"], nl.OutputBuses.Select(b => b.Name));
        Assert.Equal(x.Bits[1], nl.OutputBuses[0].Bits[0]); // z is file input 2, named x[1]
    }

    [Fact]
    public void Each_bit_is_the_file_input_that_names_it()
    {
        // Outputs o0..o2 are the file inputs at positions 0, 1, 2, named x[2], x[0], x[1].
        var nl = Parse("aag 3 3 0 3 0\n2\n4\n6\n2\n4\n6\ni0 x[2]\ni1 x[0]\ni2 x[1]\no0 p\no1 q\no2 r\n");
        var x = nl.InputBuses[0].Bits;
        Assert.Equal([x[2], x[0], x[1]], nl.OutputBuses.Select(b => b.Bits[0]));
    }

    [Theory]
    [InlineData("symbol-index-twice.aag", ": inputs 0 and 1 are both named 'x[1]'")]
    [InlineData("symbol-name-twice.aag", ": inputs 0 and 1 are both named 'x'")]
    [InlineData("symbol-index-gap.aag", ": input bus 'x' has bit 2 but no bit 1")]
    [InlineData("symbol-blank-line.aag", ":4: expected a symbol (i<k>, l<k> or o<k> name) or \"c\", found '\\n'")]
    [InlineData("symbol-not-utf8.aag", ":4: symbol name 'a\\xffb' is not valid UTF-8")]
    public void Bad_symbols_are_refused_in_one_line(string file, string problem)
    {
        var path = Path.Combine(IoSamples.BadInputs(), file);
        var e = Assert.Throws<NetlistException>(() => Aiger.Load(path));
        Assert.Equal(path + problem, e.Message);
    }

    [Fact]
    public void Names_come_back_exactly_as_read()
    {
        using var dir = new TempDir();
        const string text = "aag 4 4 0 3 0\n2\n4\n6\n8\n2\n4\n8\ni0 b[1]\ni1 a[0]\ni2 b[0]\ni3 c\no0 q[0]\no1 p\no2 r[1:0]\n";
        File.WriteAllText(dir.File("odd.aag"), text);
        var nl = Aiger.Load(dir.File("odd.aag"));
        Aiger.Save(nl, dir.File("back.aag"));
        Assert.Equal(Symbols(dir.File("odd.aag")).Select(s => s[(s.IndexOf(' ') + 1)..]).Order(StringComparer.Ordinal),
            Symbols(dir.File("back.aag")).Select(s => s[(s.IndexOf(' ') + 1)..]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Yosys_written_file_reads_back_and_cec_matches()
    {
        using var dir = new TempDir();
        Aiger.Save(IoSamples.Adder(), dir.File("adder.aag"));
        Aiger.Save(IoSamples.Adder(), dir.File("adder.aig"));
        var y = ExternalTool.Run("yosys", ["-q", "-p", "read_aiger -module_name top adder.aag; write_aiger -symbols yosys.aig"], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(y.Ok, $"Yosys failed: {y.Tail()}");
        // The premise: Yosys really writes a bus out of bit order (bit 0 last).
        Assert.DoesNotContain("i0 a[0]", Symbols(dir.File("yosys.aig")));

        var nl = Aiger.Load(dir.File("yosys.aig"));
        Assert.Equal(IoSamples.Adder().InputBuses.Select(b => (b.Name, b.Width)), nl.InputBuses.Select(b => (b.Name, b.Width)));
        Aiger.Save(nl, dir.File("back.aig"));
        Assert.Contains("Networks are equivalent", Cec(dir, "yosys.aig", "back.aig"), StringComparison.Ordinal);
        Assert.Contains("Networks are equivalent", Cec(dir, "adder.aig", "back.aig"), StringComparison.Ordinal);
    }

    [Fact]
    public void Abc_written_file_reads_back_and_cec_matches()
    {
        using var dir = new TempDir();
        Aiger.Save(IoSamples.Adder(), dir.File("adder.aig"));
        var r = ExternalTool.Run("berkeley-abc", ["-c", "read adder.aig; strash; dc2; write_aiger -s abc.aig"], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(r.Ok, $"ABC failed: {r.Tail()}");
        var nl = Aiger.Load(dir.File("abc.aig"));
        Assert.Equal(IoSamples.Adder().OutputBuses.Select(b => (b.Name, b.Width)), nl.OutputBuses.Select(b => (b.Name, b.Width)));
        Aiger.Save(nl, dir.File("back.aig"));
        Assert.Contains("Networks are equivalent", Cec(dir, "abc.aig", "back.aig"), StringComparison.Ordinal);
    }
}
