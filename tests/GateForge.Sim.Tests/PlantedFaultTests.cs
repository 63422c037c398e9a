using System.Text.RegularExpressions;
using GateForge.Ir;
using GateForge.Ir.Tools;
using GateForge.TestKit;

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
        NetlistJson.Save(PlantedFaults.FlipObservableGate(good), path);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var sim = Failed(report, "netlist.json vs netlist.orig.json (simulation)", "netlist.json");
        Assert.NotNull(sim.FirstMismatch);
        Assert.Contains("netlist.json differs from netlist.orig.json on vector", sim.Detail, StringComparison.Ordinal);
        var cec = Failed(report, "netlist.orig.json vs netlist.json (ABC cec)", "netlist.json");
        Assert.Equal(CheckStatus.Pass, Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)").Status);
        Assert.False(report.Passed);
    }

    /// <summary>A class_id-only design (issue 14): the head without scores, emitted like any other.</summary>
    private static void EmitClassIdOnly(string dir)
    {
        var rng = new Random(21);
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 12);
        var layer = Enumerable.Range(0, 36).Select(_ => b.Gate(rng.Next(16), x[rng.Next(12)], x[rng.Next(12)])).ToArray();
        HeadBuilder.AddClassIdHead(b, layer, 3);
        var orig = b.Build();
        var opt = HarnessFixture.Optimised(orig);
        var inputs = PackedBits.Random(opt.InputCount, 40, 5);
        Emitters.DesignEmitter.Emit(opt, new Emitters.EmitOptions
        {
            DesignName = HarnessFixture.Design,
            OriginalNetlist = orig,
            Vectors = new Emitters.EmitVectors(inputs, CombEvaluator.Evaluate(opt, inputs)),
        }, dir);
    }

    [Fact]
    public void Class_id_only_design_passes_every_check_and_each_says_it_compares_class_id_alone()
    {
        using var dir = new TempDir();
        EmitClassIdOnly(dir.Path);
        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(c: true, icarus: true, verilator: true, formal: true));
        Assert.True(report.Passed, string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status} {c.Detail}")));
        // netlist simulation, the shipped vectors_out.hex, C, Icarus, Verilator, cec of the netlists and
        // cec of AIGER against Verilog
        Assert.Equal(7, report.Checks.Count(c => c.Status == CheckStatus.Pass));
        Assert.All(report.Checks, c => Assert.EndsWith($"({EquivalenceHarness.ClassIdOnlyNote})", c.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void Planted_fault_in_the_argmax_of_a_class_id_only_design_is_caught()
    {
        using var dir = new TempDir();
        EmitClassIdOnly(dir.Path);
        var path = dir.File(EquivalenceHarness.NetlistFile);
        var good = NetlistJson.Load(path);
        // the last gates are the argmax's: the last observable AND is in its final comparison
        var bad = PlantedFaults.FlipObservableGate(good);
        NetlistJson.Save(bad, path);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var sim = Single(report, "netlist.json vs netlist.orig.json (simulation)");
        Assert.Equal(CheckStatus.Fail, sim.Status);
        Assert.Contains(EquivalenceHarness.ClassIdOnlyNote, sim.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, Single(report, "netlist.orig.json vs netlist.json (ABC cec)").Status);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Changed_operator_in_the_C_fails_the_C_check()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        ChangeLastOperator(dir.File("tiny.c"), "const uint64_t n", "v[");

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(c: true));

        var c = Failed(report, "tiny.c vs netlist.orig.json (C compiler)", "tiny.c");
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

        var icarus = Failed(report, "tiny.v vs netlist.orig.json (Icarus Verilog)", "tiny.v");
        var m = Assert.IsType<Mismatch>(icarus.FirstMismatch);
        Assert.Equal(PackedBitsOps.SampleHex(ReadVectors(dir.Path), m.Index), m.Inputs); // the given vectors come first
        Assert.Equal(CheckStatus.Pass, Single(report, "tiny_pipe.v vs netlist.orig.json (Icarus Verilog)").Status);
        Assert.Equal(CheckStatus.Fail, Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)").Status);
    }

    [Theory]
    [InlineData("tiny.v", true)]
    [InlineData("tiny_pipe.v", false)]
    [InlineData("tiny_pipe.v", true)]
    public void Changed_assign_in_one_top_fails_its_HDL_check_naming_it_and_not_the_other_top(string file, bool verilator)
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        ChangeLastOperator(dir.File(file), "wire n", "assign n");
        var tool = verilator ? "Verilator" : "Icarus Verilog";
        var other = file == "tiny.v" ? "tiny_pipe.v" : "tiny.v";

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(icarus: !verilator, verilator: verilator));

        var check = Single(report, $"{file} vs netlist.orig.json ({tool})");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal(file, check.Artifact);
        var m = Assert.IsType<Mismatch>(check.FirstMismatch);
        Assert.StartsWith($"{file} differs from netlist.orig.json", check.Detail, StringComparison.Ordinal);
        Assert.Contains($"vector {m.Index}", check.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, $"{other} vs netlist.orig.json ({tool})").Status);
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_fault_in_both_netlists_is_caught_by_the_check_against_the_model()
    {
        // the same fault in netlist.json and netlist.orig.json: only the model (the reference the
        // harness gets from the trained network) can see it
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        var good = NetlistJson.Load(dir.File(EquivalenceHarness.NetlistFile));
        var bad = PlantedFaults.FlipObservableGate(good);
        NetlistJson.Save(bad, dir.File(EquivalenceHarness.NetlistFile));
        NetlistJson.Save(bad, dir.File(EquivalenceHarness.OriginalNetlistFile));

        var options = HarnessFixture.Options() with { Reference = v => CombEvaluator.Evaluate(good, v) };
        var report = EquivalenceHarness.Verify(dir.Path, options);

        var model = Failed(report, "netlist.json vs model (simulation)", "netlist.json");
        Assert.StartsWith("netlist.json differs from model on vector ", model.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Fail, Single(report, "netlist.orig.json vs model (simulation)").Status);
        Assert.False(report.Passed);
        // without the model the two netlists agree: the fault is invisible to the netlist check
        Assert.True(EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options()).Checks
            .Single(c => c.Name == "netlist.json vs netlist.orig.json (simulation)").Status == CheckStatus.Pass);
    }

    [Fact]
    public void Make_equiv_in_the_design_folder_fails_on_a_planted_fault()
    {
        if (!ExternalTool.IsInstalled("make") || !ExternalTool.IsInstalled("yosys") || Abc.Tool is null)
            Assert.Fail("make, yosys and berkeley-abc are needed here (the CI image has them)");
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        var abc = $"ABC={Abc.Tool}";
        var good = ExternalTool.Run("make", ["-s", "equiv", abc], dir.Path, TimeSpan.FromMinutes(2));
        Assert.True(good.Ok, good.Output);
        Assert.Contains("Networks are equivalent", File.ReadAllText(dir.File("equiv.log")), StringComparison.Ordinal);

        ChangeLastOperator(dir.File("tiny.v"), "wire n", "assign n");
        var bad = ExternalTool.Run("make", ["-s", "equiv", abc], dir.Path, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, bad.ExitCode);
        Assert.DoesNotContain("Networks are equivalent", File.ReadAllText(dir.File("equiv.log")), StringComparison.Ordinal);
        Assert.Contains("NOT EQUIVALENT", File.ReadAllText(dir.File("equiv.log")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Swapped_output_bits_in_the_AIGER_fail_the_cec_against_the_Verilog()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        SwapFirstDistinctOutputs(dir.File("tiny.aig"));

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var cec = Failed(report, "tiny.aig vs tiny.v through Yosys (ABC cec)", "tiny.aig");
        Assert.Contains("not equivalent", cec.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, "netlist.orig.json vs netlist.json (ABC cec)").Status);
    }

    [Fact]
    public void A_corrupt_line_of_the_shipped_vectors_out_fails_the_shipped_vectors_check()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: false);
        var path = dir.File(Names.Files.VectorsOut);
        var lines = File.ReadAllLines(path);
        var row = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));
        var last = lines[row][^1];
        lines[row] = lines[row][..^1] + (last == '0' ? '1' : '0');
        File.WriteAllLines(path, lines);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options());

        var check = Single(report, "vectors_out.hex vs netlist.orig.json (shipped vectors)");
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal(Names.Files.VectorsOut, check.Artifact);
        Assert.Equal(0, check.FirstMismatch!.Index);
        Assert.False(report.Passed);
    }

    private const string PipeVerilogDsec = "tiny_pipe.v vs netlist.json pipelined through Yosys (ABC dsec)";

    private static string DelayedDsec(int latency) => $"netlist.json pipelined vs netlist.json delayed by LATENCY={latency} (ABC dsec)";

    [Fact]
    public void The_pipelined_top_is_proven_by_dsec_against_its_Verilog_and_the_delayed_netlist()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        var manifest = Emitters.DesignManifest.Load(dir.Path);
        Assert.Equal(2, manifest.PipelineEvery);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        Assert.True(report.Passed, string.Join("\n", report.Checks.Select(c => $"{c.Name}: {c.Status} {c.Detail}")));
        Assert.Contains("dsec", Single(report, PipeVerilogDsec).Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, PipeVerilogDsec).Status);
        Assert.Equal(CheckStatus.Pass, Single(report, DelayedDsec(manifest.Latency)).Status);
    }

    // Issue 15 item 7: a latch fault (one register of the pipelined top loads the inverse of its
    // input) is caught by the sequential proof of that file, while the proof from netlist.json holds.
    [Fact]
    public void A_latch_fault_in_the_pipelined_Verilog_fails_its_dsec_naming_the_file()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        var path = dir.File("tiny_pipe.v");
        var text = File.ReadAllText(path);
        // the register behind scores[0]: "assign scores[0] = [~]nA;" and, in the always block, "nA <= nB;"
        var reg = AssignedOutput().Match(text).Groups["reg"].Value;
        var load = new Regex($@"(?m)^(\s*{reg} <= )(~?)(n\d+);");
        Assert.Matches(load, text);
        File.WriteAllText(path, load.Replace(text, m => m.Groups[1].Value + (m.Groups[2].Value == "~" ? "" : "~") + m.Groups[3].Value + ";", 1));

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(icarus: true, formal: true));

        var dsec = Failed(report, PipeVerilogDsec, "tiny_pipe.v");
        Assert.StartsWith("tiny_pipe.v is not equivalent to netlist.json pipelined every 2 levels", dsec.Detail, StringComparison.Ordinal);
        Assert.Equal(CheckStatus.Pass, Single(report, DelayedDsec(Emitters.DesignManifest.Load(dir.Path).Latency)).Status);
        Assert.Equal(CheckStatus.Fail, Single(report, "tiny_pipe.v vs netlist.orig.json (Icarus Verilog)").Status);
        Assert.Equal(CheckStatus.Pass, Single(report, "tiny.aig vs tiny.v through Yosys (ABC cec)").Status);
    }

    [Fact]
    public void A_design_json_latency_the_pipeline_does_not_have_fails_the_delayed_proof()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        var manifest = Emitters.DesignManifest.Load(dir.Path);
        (manifest with { Latency = manifest.Latency + 1 }).Save(dir.Path);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var delayed = Failed(report, DelayedDsec(manifest.Latency + 1), "tiny_pipe.v");
        Assert.Equal($"netlist.json pipelined every 2 levels has latency {manifest.Latency}, design.json says {manifest.Latency + 1}", delayed.Detail);
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_manifest_without_pipeline_every_skips_the_sequential_proofs_saying_why()
    {
        using var dir = new TempDir();
        HarnessFixture.Emit(dir.Path, pipelined: true);
        (Emitters.DesignManifest.Load(dir.Path) with { PipelineEvery = 0 }).Save(dir.Path);

        var report = EquivalenceHarness.Verify(dir.Path, HarnessFixture.Options(formal: true));

        var skipped = Single(report, PipeVerilogDsec);
        Assert.Equal(CheckStatus.Skipped, skipped.Status);
        Assert.Contains("does not record pipeline_every", skipped.Detail, StringComparison.Ordinal);
        Assert.True(report.Passed);
    }

    [GeneratedRegex(@"assign scores\[0\] = ~?(?<reg>n\d+);")]
    private static partial Regex AssignedOutput();

    [Fact]
    public void A_missing_folder_is_a_one_line_error()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => EquivalenceHarness.Verify("/nonexistent/design"));
        Assert.Contains("/nonexistent/design", ex.Message, StringComparison.Ordinal);
    }

    private static CheckResult Single(EquivalenceReport report, string name) =>
        Assert.Single(report.Checks, c => c.Name == name);

    /// <summary>The check named <paramref name="name"/>, asserted failed and blaming <paramref name="artifact"/>.</summary>
    private static CheckResult Failed(EquivalenceReport report, string name, string artifact)
    {
        var check = Single(report, name);
        Assert.Equal(CheckStatus.Fail, check.Status);
        Assert.Equal(artifact, check.Artifact);
        return check;
    }

    private static PackedBits ReadVectors(string dir)
    {
        using var r = new StreamReader(Path.Combine(dir, "vectors_in.hex"));
        return HexVectors.ReadLines(r, 12);
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
