using System.Diagnostics;
using System.Globalization;
using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Ir.Tools;

namespace GateForge.Sim;

/// <summary>
/// Checks of sequential designs, one implementation for both families (SPEC §8, issue 15 item 7):
/// whole sequences through the cycle-accurate simulator against a reference, and ABC's sequential
/// equivalence (<c>dsec</c>) between two sequential netlists or a netlist and an AIGER file (e.g. the
/// Verilog read through Yosys). A pipelined top is compared with its combinational netlist through
/// <see cref="DelayedByLatency"/>, a miter-ready sequential netlist of the combinational one.
/// </summary>
public static class SequenceChecks
{
    /// <summary>
    /// Runs <paramref name="sequences"/> back to back through <see cref="CycleSimulator"/> and
    /// compares the outputs at each out_valid with <paramref name="reference"/> (rows: outputs except out_valid).
    /// </summary>
    public static CheckResult Simulate(Netlist netlist, BitSequences sequences, Func<BitSequences, PackedBits> reference,
        string name, string artifact, int streams = 256)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sequences);
        ArgumentNullException.ThrowIfNull(reference);
        var clock = Stopwatch.StartNew();
        streams = Math.Max(1, Math.Min(streams, sequences.Count));
        var sim = new CycleSimulator(netlist, streams);
        var run = SequenceDriver.Run(netlist, sequences, inputs => sim.Step(inputs), streams);
        var expected = reference(sequences);
        CheckResult Result(CheckStatus status, string detail) => new(name, status, detail, clock.Elapsed) { Artifact = artifact };
        if (!run.Complete)
            return Result(CheckStatus.Fail, $"{run.Missing} sequence(s) without out_valid, {run.Extra} extra out_valid pulse(s)");
        if (expected.Signals != run.Results.Signals)
            return Result(CheckStatus.Fail, $"the design has {run.Results.Signals} result bits, the reference {expected.Signals}");
        for (var i = 0; i < sequences.Count; i++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, i) != run.Results.Get(row, i))
                    return Result(CheckStatus.Fail, string.Create(CultureInfo.InvariantCulture,
                        $"sequence {i} (length {sequences.Lengths[i]}) differs at output bit {row}"));
        return Result(CheckStatus.Pass, string.Create(CultureInfo.InvariantCulture,
            $"{sequences.Count} sequences of lengths {sequences.Lengths.Min()}–{sequences.Lengths.Max()} back to back, {run.Cycles} cycles on {streams} streams: all match"));
    }

    /// <summary>
    /// The outputs at out_valid of every sequence through <see cref="CycleSimulator"/> (rows: outputs
    /// except out_valid): the expected results of a test bench, or the reference when the model is
    /// not at hand (the unoptimised netlist). Throws when a result is missing or extra.
    /// </summary>
    public static PackedBits Results(Netlist netlist, BitSequences sequences, int streams = 256)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(sequences);
        streams = Math.Max(1, Math.Min(streams, sequences.Count));
        var sim = new CycleSimulator(netlist, streams);
        var run = SequenceDriver.Run(netlist, sequences, inputs => sim.Step(inputs), streams);
        if (!run.Complete)
            throw new NetlistException($"the sequential design gave {run.Missing} result(s) too few and {run.Extra} out_valid pulse(s) too many");
        return run.Results;
    }

    /// <summary>
    /// <c>dsec</c> between two sequential netlists with the same buses, written as AIGER into
    /// <paramref name="workDir"/>. <paramref name="resultsOnly"/> compares the outputs only while
    /// out_valid is high (<see cref="ForDsec"/>): for two pipelines with different registers.
    /// </summary>
    public static CheckResult Dsec(Netlist a, Netlist b, string workDir, string name, string artifact, bool resultsOnly = false,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(b);
        Directory.CreateDirectory(workDir);
        Aiger.Save(ForDsec(b, resultsOnly), Path.Combine(workDir, "dsec_b.aig"));
        return DsecAgainstFile(a, Path.Combine(workDir, "dsec_b.aig"), workDir, name, artifact, resultsOnly, timeout, cancellation);
    }

    /// <summary><c>dsec</c> between a sequential netlist and an AIGER file whose symbols name the same bus bits.</summary>
    public static CheckResult DsecAgainstFile(Netlist a, string aigFile, string workDir, string name, string artifact, bool resultsOnly = false,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(a);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(workDir);
        var fileA = Path.Combine(workDir, "dsec_a.aig");
        Aiger.Save(ForDsec(a, resultsOnly), fileA);
        var run = Abc.Dsec(workDir, fileA, Path.GetFullPath(aigFile), timeout, cancellation);
        return new CheckResult(name, run.Status, run.Detail, clock.Elapsed) { Artifact = artifact };
    }

    /// <summary>
    /// The netlist as <c>dsec</c> sees it: data registers without reset (<see cref="LatchInit.None"/>)
    /// start at 0, as the simulators and Yosys's <c>write_aiger -zinit</c> start them; and with
    /// <paramref name="resultsOnly"/> every output bit but out_valid is ANDed with out_valid, so the
    /// proof covers the results, not what the outputs show between them (a pipelined top's
    /// outputs are its registers' contents then).
    /// </summary>
    public static Netlist ForDsec(Netlist netlist, bool resultsOnly)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var b = new NetlistBuilder(netlist.NodeCount + netlist.OutputCount + 16);
        var map = new int[netlist.NodeCount];
        foreach (var bus in netlist.InputBuses)
        {
            var bits = b.AddInputBus(bus.Name, bus.Width);
            for (var i = 0; i < bus.Width; i++)
                map[Lit.Node(bus.Bits[i])] = bits[i];
        }
        foreach (var latch in netlist.Latches)
            map[latch] = b.AddLatch(netlist.F1(latch) == LatchInit.One ? LatchInit.One : LatchInit.Zero);
        b.MapGates(netlist, map);
        foreach (var latch in netlist.Latches)
            b.SetLatchNext(map[latch], NetlistBuilder.MapLit(map, netlist.F0(latch)));
        var valid = resultsOnly && netlist.FindOutputBus(Names.Buses.OutValid) is { } v ? NetlistBuilder.MapLit(map, v.Bits[0]) : Lit.True;
        foreach (var bus in netlist.OutputBuses)
        {
            var bits = bus.Bits.Select(l => NetlistBuilder.MapLit(map, l)).ToArray();
            if (bus.Name != Names.Buses.OutValid)
                bits = bits.Select(l => b.And(l, valid)).ToArray();
            b.AddOutputBus(bus.Name, bits);
        }
        return b.Build();
    }

    /// <summary>
    /// The combinational netlist delayed by <paramref name="latency"/> cycles with the pipelined
    /// interface: its outputs pass through <paramref name="latency"/> data registers, and
    /// <c>in_valid</c> through a shift register (reset 0) to <c>out_valid</c>. A correct pipelined
    /// top is sequentially equivalent to it on its results (<see cref="Dsec"/> with resultsOnly).
    /// </summary>
    public static Netlist DelayedByLatency(Netlist combinational, int latency)
    {
        ArgumentNullException.ThrowIfNull(combinational);
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, 1);
        if (combinational.LatchCount > 0)
            throw new NetlistException("the reference of a pipelined top must be combinational");
        var b = new NetlistBuilder(combinational.NodeCount + (combinational.OutputCount + 1) * latency + 16);
        var map = new int[combinational.NodeCount];
        foreach (var bus in combinational.InputBuses)
        {
            var bits = b.AddInputBus(bus.Name, bus.Width);
            for (var i = 0; i < bus.Width; i++)
                map[Lit.Node(bus.Bits[i])] = bits[i];
        }
        var inValid = b.AddInputBus(Names.Buses.InValid, 1)[0];
        b.MapGates(combinational, map);
        int Delay(int lit, int init)
        {
            for (var k = 0; k < latency; k++)
            {
                var latch = b.AddLatch(init);
                b.SetLatchNext(latch, lit);
                lit = latch;
            }
            return lit;
        }
        foreach (var bus in combinational.OutputBuses)
            b.AddOutputBus(bus.Name, bus.Bits.Select(l => Delay(NetlistBuilder.MapLit(map, l), LatchInit.None)).ToArray());
        b.AddOutputBus(Names.Buses.OutValid, [Delay(inValid, LatchInit.Zero)]);
        return b.Build();
    }

    /// <summary>
    /// <paramref name="netlist"/> against the Verilog module <paramref name="top"/> of
    /// <paramref name="verilogFile"/> read through Yosys, by <c>dsec</c>: the design folder's AIGER
    /// against its Verilog, or a pipelined netlist against its emitted top. Yosys reads the top inside
    /// a wrapper with the netlist's buses as ports and rst tied low (the netlist's reset is its latches'
    /// initial values); clk stops being a port (<c>write_aiger</c> clocks every flip-flop implicitly) and
    /// <c>setundef -zero -init</c> starts the registers at 0, as the simulators do. <c>opt_expr</c> and
    /// <c>opt_clean</c> fold the tied reset and drop dead wires; Yosys's full <c>opt</c> spent 51 s of
    /// this check's 55 s on the mnist demo's pipelined top (51k gates, 6.5k registers) and is not needed.
    /// </summary>
    public static CheckResult NetlistVsVerilog(Netlist netlist, string verilogFile, string top, string workDir, string name,
        TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(workDir);
        var artifact = Path.GetFileName(verilogFile);
        File.WriteAllText(Path.Combine(workDir, "gf_dsec_wrap.v"), Wrapper(netlist, top));
        var yosys = Yosys.Run(workDir,
            $"read_verilog {Path.GetFullPath(verilogFile)}\nread_verilog gf_dsec_wrap.v\nhierarchy -top gf_dsec_wrap\nproc\nflatten\nopt_clean\n" +
            "setundef -zero -init\ndelete -port gf_dsec_wrap/clk\ntechmap\nopt_expr\nopt_clean\naigmap\nwrite_aiger -zinit -symbols from_verilog.aig\n",
            timeout, cancellation);
        if (!yosys.Ok)
            return new CheckResult(name, yosys.Status, yosys.Detail, clock.Elapsed) { Artifact = artifact };
        return DsecAgainstFile(netlist, Path.Combine(workDir, "from_verilog.aig"), workDir, name, artifact, false, timeout, cancellation)
            with { Elapsed = clock.Elapsed };
    }

    private static string Wrapper(Netlist netlist, string top)
    {
        var ports = netlist.InputBuses.Select(b => $"input wire [{b.Width - 1}:0] {b.Name}")
            .Concat(netlist.OutputBuses.Select(b => $"output wire [{b.Width - 1}:0] {b.Name}"));
        var connections = netlist.InputBuses.Concat(netlist.OutputBuses).Select(b => $".{b.Name}({b.Name})");
        return $"module gf_dsec_wrap(input wire clk, {string.Join(", ", ports)});\n" +
            $"  {top} dut(.clk(clk), .rst(1'b0), {string.Join(", ", connections)});\nendmodule\n";
    }

    /// <summary>
    /// Runs a sequential design folder's <c>&lt;d&gt;_tb.v</c> (with <c>seq_in.hex</c>/<c>seq_out.hex</c>)
    /// in Icarus or Verilator, in a scratch copy; passes on the bench's <c>PASS n/n</c>.
    /// </summary>
    public static CheckResult TestBench(string designDir, string design, bool verilator, string workDir, TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        CopyInto(workDir, designDir, design + ".v", design + "_tb.v", "seq_in.hex", "seq_out.hex");
        string[] sources = [design + ".v", design + "_tb.v"];
        var run = verilator
            ? Verilator.Run(workDir, sources, design + "_tb", timeout: timeout, cancellation: cancellation)
            : Icarus.Run(workDir, sources, design + "_tb", timeout: timeout, cancellation: cancellation);
        var name = $"{design}_tb.v in {(verilator ? "Verilator" : "Icarus")}";
        return Verdict(name, design + ".v", run, clock);
    }

    /// <summary>
    /// Compiles the folder's C (<c>&lt;d&gt;.c</c>) with a driver that runs <c>&lt;d&gt;_predict</c> on
    /// every sequence of <c>seq_in.hex</c> and compares scores and class with <c>seq_out.hex</c>.
    /// </summary>
    public static CheckResult CModel(string designDir, string design, int stepBits, string workDir, TimeSpan? timeout = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        CopyInto(workDir, designDir, design + ".c", design + ".h", "seq_in.hex", "seq_out.hex");
        File.WriteAllText(Path.Combine(workDir, "seq_main.c"), CDriver(design, stepBits));
        var build = CCompiler.Compile(workDir, [design + ".c", "seq_main.c"], "seq_check", timeout: timeout, cancellation: cancellation);
        var name = $"{design}.c {design}_predict on whole sequences";
        if (!build.Ok)
            return Verdict(name, design + ".c", build, clock);
        var run = ToolRun.From(Ir.Tools.ExternalTool.Run(Path.Combine(workDir, "seq_check"), [], workDir, timeout, cancellation), "run");
        return Verdict(name, design + ".c", run, clock);
    }

    private static void CopyInto(string workDir, string designDir, params string[] files)
    {
        Directory.CreateDirectory(workDir);
        foreach (var file in files)
            File.Copy(Path.Combine(designDir, file), Path.Combine(workDir, file), overwrite: true);
    }

    private static CheckResult Verdict(string name, string artifact, ToolRun run, Stopwatch clock)
    {
        var output = run.Result?.Output ?? "";
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("PASS", StringComparison.Ordinal) || l.StartsWith("FAIL", StringComparison.Ordinal));
        var status = run.Status == CheckStatus.Skipped ? CheckStatus.Skipped
            : run.Ok && line is not null && line.StartsWith("PASS", StringComparison.Ordinal) ? CheckStatus.Pass : CheckStatus.Fail;
        return new CheckResult(name, status, line ?? run.Detail, clock.Elapsed) { Artifact = artifact };
    }

    private static string CDriver(string d, int f) => $$"""
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include "{{d}}.h"
        /* bit b of a hex line (bit 0 = the last digit's low bit) */
        static int bit(const char *line, int b) {
          int n = (int)strcspn(line, "\r\n"), k = n - 1 - b / 4, v;
          if (k < 0) return 0;
          v = line[k] <= '9' ? line[k] - '0' : (line[k] | 32) - 'a' + 10;
          return (v >> (b % 4)) & 1;
        }
        int main(void) {
          FILE *in = fopen("seq_in.hex", "r"), *out = fopen("seq_out.hex", "r");
          static char line[4096];
          static uint8_t x[1 << 20];
          uint32_t scores[{{d.ToUpperInvariant()}}_NUM_CLASSES];
          size_t t = 0;
          int seq = 0, k, i;
          if (!in || !out) { printf("FAIL: cannot open the hex files\n"); return 1; }
          while (fgets(line, sizeof line, in)) {
            if (t + 1 > sizeof x / {{f}}) { printf("FAIL: sequence too long\n"); return 1; }
            for (i = 0; i < {{f}}; i++) x[t * {{f}} + i] = (uint8_t)bit(line, i);
            t++;
            if (bit(line, {{f}})) {
              char expect[4096];
              uint32_t cls;
              if (!fgets(expect, sizeof expect, out)) { printf("FAIL sequence %d: no expected line\n", seq); return 1; }
              cls = {{d}}_predict(x, t, scores);
              for (k = 0; k < {{d.ToUpperInvariant()}}_NUM_CLASSES; k++)
                for (i = 0; i < {{d.ToUpperInvariant()}}_SCORE_BITS; i++)
                  if ((int)((scores[k] >> i) & 1) != bit(expect, k * {{d.ToUpperInvariant()}}_SCORE_BITS + i)) { printf("FAIL sequence %d: score %d differs\n", seq, k); return 1; }
              for (i = 0; i < {{d.ToUpperInvariant()}}_CLASS_BITS; i++)
                if ((int)((cls >> i) & 1) != bit(expect, {{d.ToUpperInvariant()}}_NUM_CLASSES * {{d.ToUpperInvariant()}}_SCORE_BITS + i)) { printf("FAIL sequence %d: class differs\n", seq); return 1; }
              seq++;
              t = 0;
            }
          }
          printf("PASS %d/%d\n", seq, seq);
          return 0;
        }

        """;
}
