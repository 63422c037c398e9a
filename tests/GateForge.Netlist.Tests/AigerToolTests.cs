using System.Text.RegularExpressions;
using GateForge.Ir.Tools;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>The real tools read what <see cref="Aiger"/> writes: ABC (binary only) and Yosys (ASCII).</summary>
public sealed partial class AigerToolTests
{
    private const string Abc = "berkeley-abc";
    private const string Yosys = "yosys";

    private static ToolResult RunAbc(TempDir dir, string script)
    {
        var r = ExternalTool.Run(Abc, ["-c", script], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(r.Ok, $"ABC failed: {r.Tail()}");
        return r;
    }

    private static (int Inputs, int Outputs, int Latches, int Ands) AbcStats(TempDir dir, string file)
    {
        var r = RunAbc(dir, $"read {file}; print_stats");
        var m = AbcStatsLine().Match(r.Stdout);
        Assert.True(m.Success, $"no print_stats line in: {r.Output}");
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), int.Parse(m.Groups[4].Value));
    }

    /// <summary>ANDs that reach an output or latch (ABC and Yosys drop the rest when they read a file).</summary>
    private static int UsedAnds(Netlist aig)
    {
        var used = new bool[aig.NodeCount];
        foreach (var lit in aig.OutputLiterals())
            used[lit >> 1] = true;
        foreach (var latch in aig.Latches)
            used[aig.F0(latch) >> 1] = true;
        var count = 0;
        for (var i = aig.NodeCount - 1; i > 0; i--)
        {
            if (!used[i] || aig.Kind(i) != NodeKind.And)
                continue;
            count++;
            used[aig.F0(i) >> 1] = true;
            used[aig.F1(i) >> 1] = true;
        }
        return count;
    }

    private static int HeaderAnds(string path) => int.Parse(File.ReadLines(path).First().Split(' ')[5]);

    [Fact]
    public void Abc_reads_binary_files_with_the_right_counts()
    {
        using var dir = new TempDir();
        Aiger.Save(IoSamples.Adder(), dir.File("adder.aig"));
        Assert.Equal((8, 5, 0, HeaderAnds(dir.File("adder.aig"))), AbcStats(dir, "adder.aig"));

        Aiger.Save(IoSamples.Counter(), dir.File("counter.aig"));
        Assert.Equal((2, 3, 3, 6), AbcStats(dir, "counter.aig"));
        var latches = RunAbc(dir, "read counter.aig; print_latch").Stdout;
        Assert.Contains("Init0 = 1. Init1 = 1. InitDC = 1.", latches, StringComparison.Ordinal);

        var dag = RandomNetlists.Dag(16, 500, 10, seed: 1, xorShare: 0.3);
        Aiger.Save(dag, dir.File("dag.aig"));
        Assert.Equal((16, 10, 0, UsedAnds(Aiger.Load(dir.File("dag.aig")))), AbcStats(dir, "dag.aig"));
    }

    [Fact]
    public void Abc_cec_proves_the_dc2_result_equal_and_catches_a_flipped_output()
    {
        using var dir = new TempDir();
        var nl = RandomNetlists.Layered(24, [160, 160, 80], seed: 3, headClasses: 4);
        Aiger.Save(nl, dir.File("a.aig"));
        RunAbc(dir, "read a.aig; strash; dc2; write_aiger -s b.aig");

        var cec = RunAbc(dir, "cec a.aig b.aig").Stdout;
        Assert.Contains("Networks are equivalent", cec, StringComparison.Ordinal);

        // ABC's file read back through the template keeps the buses and the function.
        var optimised = Aiger.Load(dir.File("b.aig"), nl);
        Assert.Equal(nl.OutputBuses.Select(b => b.ToString()), optimised.OutputBuses.Select(b => b.ToString()));
        Equivalence.AssertSame(nl, optimised);

        // Planted fault: one output inverted. Observable on every vector, and cec must see it.
        var planted = FlipOutput(nl, "class_id", 0);
        var vectors = Equivalence.Vectors(nl.InputCount);
        Assert.False(CombEvaluator.Evaluate(nl, vectors).RowsEqual(CombEvaluator.Evaluate(planted, vectors)));
        Aiger.Save(planted, dir.File("c.aig"));
        var bad = RunAbc(dir, "cec a.aig c.aig").Stdout;
        Assert.Contains("Networks are NOT EQUIVALENT", bad, StringComparison.Ordinal);
    }

    [Fact]
    public void Yosys_reads_the_ascii_file()
    {
        using var dir = new TempDir();
        Aiger.Save(IoSamples.Adder(), dir.File("adder.aag"));
        Aiger.Save(IoSamples.Counter(), dir.File("counter.aag"));
        var adder = YosysCells(dir, "adder.aag");
        Assert.Equal(HeaderAnds(dir.File("adder.aag")), adder.GetValueOrDefault("$_AND_"));
        var counter = YosysCells(dir, "counter.aag");
        Assert.Equal(6, counter.GetValueOrDefault("$_AND_"));
        Assert.Equal(3, counter.GetValueOrDefault("$_FF_"));
    }

    private static Dictionary<string, int> YosysCells(TempDir dir, string file)
    {
        var r = ExternalTool.Run(Yosys, ["-p", $"read_aiger -module_name top {file}; stat"], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(r.Ok, $"yosys failed: {r.Tail()}");
        var cells = new Dictionary<string, int>();
        foreach (Match m in YosysCellLine().Matches(r.Stdout))
            cells[m.Groups[1].Value] = int.Parse(m.Groups[2].Value);
        Assert.NotEmpty(cells);
        return cells;
    }

    private static Netlist FlipOutput(Netlist nl, string bus, int bit)
    {
        var b = NetlistBuilder.StartFrom(nl, out var map);
        b.MapGates(nl, map);
        foreach (var ob in nl.OutputBuses)
        {
            var bits = ob.Bits.Select(l => NetlistBuilder.MapLit(map, l)).ToArray();
            if (ob.Name == bus)
                bits[bit] = Lit.Not(bits[bit]);
            b.AddOutputBus(ob.Name, bits);
        }
        return b.Build();
    }

    [GeneratedRegex(@"i/o =\s*(\d+)/\s*(\d+)\s+lat =\s*(\d+)\s+and =\s*(\d+)")]
    private static partial Regex AbcStatsLine();

    [GeneratedRegex(@"^\s+(\$_\w+_)\s+(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex YosysCellLine();
}
