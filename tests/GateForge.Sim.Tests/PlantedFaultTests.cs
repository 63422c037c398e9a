using System.Text.RegularExpressions;
using GateForge.Ir;
using GateForge.TestKit;

using GateForge.Ir.Tools;

namespace GateForge.Sim.Tests;

/// <summary>One planted fault per artifact; the harness must report each as a failure naming the artifact.</summary>
public sealed partial class PlantedFaultTests
{
    [Fact]
    public void Flipped_gate_in_the_optimised_netlist_fails_simulation_and_cec()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        var path = dir.File(EquivalenceHarness.NetlistFile);
        var good = NetlistJson.Load(path);
        NetlistJson.Save(FlipObservableGate(good), path);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var sim = Single(report, "netlist.json vs netlist.orig.json (simulation)");
        Assert.Equal(CheckStatus.Fail, sim.Status);
        Assert.Equal("netlist.json", sim.Artifact);
        Assert.NotNull(sim.FirstMismatch);
        Assert.Contains("netlist.json differs from netlist.orig.json on vector", sim.Detail, StringComparison.Ordinal);
        var cec = Single(report, "netlist.orig.json vs netlist.json (ABC cec)");
        Assert.Equal(CheckStatus.Fail, cec.Status);
        Assert.Equal("netlist.json", cec.Artifact);
        Assert.Equal(CheckStatus.Pass, Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)").Status);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Changed_operator_in_the_C_fails_the_C_check()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        ChangeLastOperator(dir.File("tiny.c"), "const uint64_t n", "v[");

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(c: true));

        var c = Single(report, "tiny.c vs netlist.orig.json (C compiler)");
        Assert.Equal(CheckStatus.Fail, c.Status);
        Assert.Equal("tiny.c", c.Artifact);
        Assert.NotNull(c.FirstMismatch);
        Assert.StartsWith("tiny.c differs from netlist.orig.json on vector ", c.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, "netlist.json vs netlist.orig.json (simulation)").Status);
    }

    [Fact]
    public void Changed_assign_in_the_Verilog_fails_Icarus_and_the_Yosys_cec()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        ChangeLastOperator(dir.File("tiny.v"), "wire n", "assign n");

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(icarus: true, formal: true));

        var icarus = Single(report, "tiny.v vs netlist.orig.json (Icarus Verilog)");
        Assert.Equal(CheckStatus.Fail, icarus.Status);
        Assert.Equal("tiny.v", icarus.Artifact);
        var m = Assert.IsType<Mismatch>(icarus.FirstMismatch);
        Assert.Equal(PackedBitsOps.SampleHex(ReadVectors(dir.Path), m.Index), m.Inputs); // the given vectors come first
        Assert.Equal(CheckStatus.Pass, Single(report, "tiny_pipe.v vs netlist.orig.json (Icarus Verilog)").Status);
        Assert.Equal(CheckStatus.Fail, Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)").Status);
    }

    [Fact]
    public void Swapped_output_bits_in_the_AIGER_fail_the_cec_against_the_Verilog()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        SwapFirstDistinctOutputs(dir.File("tiny.aig"));

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var cec = Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)");
        Assert.Equal(CheckStatus.Fail, cec.Status);
        Assert.Equal("tiny.aig", cec.Artifact);
        Assert.Contains("not equivalent", cec.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, "netlist.orig.json vs netlist.json (ABC cec)").Status);
    }

    [Fact]
    public void A_missing_folder_is_a_one_line_error()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => EquivalenceHarness.Verify("/nonexistent/design"));
        Assert.Contains("/nonexistent/design", ex.Message, StringComparison.Ordinal);
    }

    private static CheckResult Single(EquivalenceReport report, string name) =>
        Assert.Single(report.Checks, c => c.Name == name);

    private static PackedBits ReadVectors(string dir)
    {
        using var r = new StreamReader(Path.Combine(dir, "vectors_in.hex"));
        return HexVectors.ReadLines(r, 12);
    }

    /// <summary>Inverts the first fanin of the last gate whose change shows on the outputs (checked by simulation).</summary>
    private static Netlist FlipObservableGate(Netlist good)
    {
        var vectors = PackedBits.Random(good.InputCount, 300, 1);
        var expected = CombEvaluator.Evaluate(good, vectors);
        for (var victim = good.NodeCount - 1; victim > 0; victim--)
        {
            if (good.Kind(victim) != NodeKind.And)
                continue;
            var b = NetlistBuilder.StartFrom(good, out var map);
            var kinds = good.Kinds;
            for (var i = 1; i < kinds.Length; i++)
            {
                if (kinds[i] is not (NodeKind.And or NodeKind.Xor))
                    continue;
                var x = NetlistBuilder.MapLit(map, good.F0(i)) ^ (i == victim ? 1 : 0);
                var y = NetlistBuilder.MapLit(map, good.F1(i));
                map[i] = kinds[i] == NodeKind.And ? b.And(x, y) : b.Xor(x, y);
            }
            var bad = b.FinishFrom(good, map);
            if (PackedBitsOps.FirstDifference(expected, CombEvaluator.Evaluate(bad, vectors)) >= 0)
                return bad;
        }
        throw new InvalidOperationException("no observable gate to flip");
    }

    /// <summary>Changes the operator of the last gate line (starting with one of the prefixes): &amp; becomes |, ^ becomes &amp;.</summary>
    private static void ChangeLastOperator(string path, params string[] prefixes)
    {
        var lines = File.ReadAllLines(path);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            var t = lines[i].TrimStart();
            if (!prefixes.Any(p => t.StartsWith(p, StringComparison.Ordinal)))
                continue;
            var eq = lines[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
                continue;
            var rhs = lines[i][eq..];
            var changed = rhs.Contains(" & ", StringComparison.Ordinal) ? rhs.Replace(" & ", " | ", StringComparison.Ordinal)
                : rhs.Contains(" ^ ", StringComparison.Ordinal) ? rhs.Replace(" ^ ", " & ", StringComparison.Ordinal) : null;
            if (changed is null)
                continue;
            lines[i] = lines[i][..eq] + changed;
            File.WriteAllLines(path, lines);
            return;
        }
        throw new InvalidOperationException($"{path}: no gate line to change");
    }

    /// <summary>Swaps the first two output lines with different literals in a binary AIGER file.</summary>
    private static void SwapFirstDistinctOutputs(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var lines = new List<(int Start, int End)>();
        var pos = 0;
        for (var k = 0; k < 64 && pos < bytes.Length; k++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', pos);
            lines.Add((pos, end));
            pos = end + 1;
        }
        string Text(int k) => System.Text.Encoding.ASCII.GetString(bytes, lines[k].Start, lines[k].End - lines[k].Start);
        var header = Header().Match(Text(0));
        Assert.True(header.Success, Text(0));
        var latches = int.Parse(header.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture);
        var outputs = int.Parse(header.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture);
        var first = 1 + latches;
        for (var j = first + 1; j < first + outputs; j++)
        {
            if (Text(j) == Text(first))
                continue;
            var a = Text(first);
            var b = Text(j);
            var rebuilt = new List<byte>();
            for (var k = 0; k < lines.Count; k++)
            {
                var t = k == first ? b : k == j ? a : Text(k);
                rebuilt.AddRange(System.Text.Encoding.ASCII.GetBytes(t + "\n"));
                if (k == first + outputs - 1)
                {
                    rebuilt.AddRange(bytes.AsSpan(lines[k].End + 1).ToArray());
                    break;
                }
            }
            File.WriteAllBytes(path, [.. rebuilt]);
            return;
        }
        throw new InvalidOperationException("all outputs have the same literal");
    }

    [GeneratedRegex(@"^aig (\d+) (\d+) (\d+) (\d+) (\d+)")]
    private static partial Regex Header();
}
