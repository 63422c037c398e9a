using System.Diagnostics;
using System.Globalization;
using System.Text;
using GateForge.Emitters;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Ir.Tools;

namespace GateForge.Sim;

/// <summary>
/// The one equivalence API (SPEC §6; <c>gateforge verify</c> calls it). On the given vectors plus
/// seeded random ones it compares, bit-exact on every output, each artifact of a design folder
/// (docs/ARCHITECTURE.md, generated-file contract) with a golden reference: the trained model when
/// <see cref="EquivalenceOptions.Reference"/> is given, else <c>netlist.orig.json</c>, else
/// <c>netlist.json</c>. Artifacts: the netlists (simulation), the C (compiled with the system C
/// compiler and a generated driver), the Verilog tops with their test benches in Icarus and in
/// Verilator (fed our own vector files), and formally with ABC <c>cec</c>: unoptimised vs optimised
/// netlist as AIGER, and the emitted AIGER vs the Verilog read by Yosys. Scratch work happens in a
/// temporary folder that is removed afterwards.
/// </summary>
public static class EquivalenceHarness
{
    /// <summary>Appended to every check's detail for a class_id-only design (attribute <c>head.outputs</c> = <c>class_id</c>).</summary>
    public const string ClassIdOnlyNote = "class_id-only design: equivalence is defined on class_id alone";

    public const string NetlistFile = Names.Files.Netlist;
    public const string OriginalNetlistFile = Names.Files.OriginalNetlist;

    /// <summary>Verifies a design folder, or a single netlist file (<c>.json</c>, <c>.aig</c>, <c>.aag</c>) against the reference.</summary>
    public static EquivalenceReport Verify(string path, EquivalenceOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new EquivalenceOptions();
        if (Directory.Exists(path))
            return VerifyFolder(path, options, cancellation);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such design folder or netlist file", path);
        if (Path.GetFileName(path) == NetlistFile)
            return VerifyFolder(Path.GetDirectoryName(Path.GetFullPath(path))!, options, cancellation);
        var netlist = LoadNetlist(path);
        return VerifyNetlists(netlist, null, options, cancellation, Path.GetFileName(path));
    }

    /// <summary>Verifies netlists given in memory: <paramref name="optimised"/> (and <paramref name="original"/>) against the golden reference.</summary>
    public static EquivalenceReport VerifyNetlists(Netlist optimised, Netlist? original, EquivalenceOptions? options = null,
        CancellationToken cancellation = default, string optimisedName = NetlistFile)
    {
        ArgumentNullException.ThrowIfNull(optimised);
        options ??= new EquivalenceOptions();
        var run = new Run(optimised, original, null, optimised.Attribute(Names.Attributes.Design) ?? "design", options, cancellation, optimisedName);
        return run.Execute();
    }

    private static EquivalenceReport VerifyFolder(string folder, EquivalenceOptions options, CancellationToken cancellation)
    {
        var netlistPath = Path.Combine(folder, NetlistFile);
        if (!File.Exists(netlistPath))
            throw new FileNotFoundException($"{folder}: not a design folder (no {NetlistFile})", netlistPath);
        var optimised = NetlistJson.Load(netlistPath);
        var origPath = Path.Combine(folder, OriginalNetlistFile);
        var original = File.Exists(origPath) ? NetlistJson.Load(origPath) : null;
        var manifest = DesignManifest.Load(folder);
        return new Run(optimised, original, folder, manifest.Design, options, cancellation, NetlistFile) { Manifest = manifest }.Execute();
    }

    private static Netlist LoadNetlist(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".json" => NetlistJson.Load(path),
            ".aig" or ".aag" => Aiger.Load(path),
            _ => throw new NetlistException($"{path}: unknown netlist format (expected .json, .aig or .aag)"),
        };

    /// <summary>
    /// A copy of <paramref name="nl"/> with its constrained input bits replaced by their constants
    /// (the inputs stay, unused), so that a formal check holds under the same assumptions as simulation.
    /// </summary>
    internal static Netlist Constrained(Netlist nl)
    {
        if (nl.Constraints.Count == 0)
            return nl;
        var b = NetlistBuilder.StartFrom(nl, out var map);
        foreach (var c in nl.Constraints)
            map[Lit.Node(nl.InputBus(c.Bus).Bits[c.Bit])] = c.Value ? Lit.True : Lit.False;
        b.MapGates(nl, map);
        return b.FinishFrom(nl, map);
    }

    /// <summary>Results of a netlist on data-input vectors: combinational evaluation, or streamed through a pipelined one.</summary>
    internal static PackedBits Simulate(Netlist nl, PackedBits vectors, CancellationToken cancellation) =>
        nl.LatchCount == 0 ? FastEvaluator.Evaluate(nl, vectors) : CycleSimulator.Stream(nl, vectors, 64, cancellation).Outputs;

    /// <summary>One verification run: the vectors, the golden results, the scratch folder, and the checks.</summary>
    private sealed class Run
    {
        private readonly Netlist _optimised;
        private readonly Netlist? _original;
        private readonly string? _folder;
        private readonly string _design;
        private readonly EquivalenceOptions _options;
        private readonly CancellationToken _cancellation;
        private readonly string _optimisedName;
        private readonly List<CheckResult> _checks = [];
        private PackedBits _vectors = new(0, 0);
        private PackedBits _expected = new(0, 0);
        private string _golden = "";
        private string _scratch = "";
        private int _given;

        /// <summary>The design folder's manifest (null for netlists given alone).</summary>
        public DesignManifest? Manifest { get; init; }

        public Run(Netlist optimised, Netlist? original, string? folder, string design, EquivalenceOptions options,
            CancellationToken cancellation, string optimisedName)
        {
            _optimised = optimised;
            _original = original;
            _folder = folder;
            _design = design;
            _options = options;
            _cancellation = cancellation;
            _optimisedName = optimisedName;
        }

        public EquivalenceReport Execute()
        {
            var wall = Stopwatch.StartNew();
            var goldenNetlist = _original ?? _optimised;
            _vectors = BuildVectors(goldenNetlist);
            if (_options.Reference is { } reference)
            {
                _golden = "model";
                _expected = ModelOutputs(reference, goldenNetlist, _vectors);
                var width = StreamLayout.Of(goldenNetlist).DataOutputs;
                if (_expected.Signals != width || _expected.Samples != _vectors.Samples)
                    throw new ArgumentException($"the reference model returned {_expected.Signals}×{_expected.Samples} output bits, expected {width}×{_vectors.Samples}");
            }
            else
            {
                _golden = _original is null ? _optimisedName : OriginalNetlistFile;
                _expected = Simulate(goldenNetlist, _vectors, _cancellation);
            }
            _scratch = Path.Combine(_options.ScratchRoot ?? Path.GetTempPath(), $"gateforge-verify-{Guid.NewGuid():N}");
            Directory.CreateDirectory(_scratch);
            try
            {
                if (_original is not null && _golden != OriginalNetlistFile)
                    Check($"{OriginalNetlistFile} vs {_golden} (simulation)", OriginalNetlistFile, () => SimulationCheck(_original));
                if (_golden != _optimisedName)
                    Check($"{_optimisedName} vs {_golden} (simulation)", _optimisedName, () => SimulationCheck(_optimised));
                if (_folder is not null)
                    FolderChecks();
                else if (_checks.Count == 0)
                    _checks.Add(new CheckResult("netlist", CheckStatus.Skipped,
                        "skipped: nothing to compare with (give a design folder or a reference model)", TimeSpan.Zero) { Artifact = _optimisedName });
            }
            finally
            {
                try
                {
                    Directory.Delete(_scratch, recursive: true);
                }
                catch (IOException)
                {
                    // best effort: a killed tool may still hold a file
                }
            }
            return new EquivalenceReport(_design, _given, _vectors.Samples - _given, _checks) { Elapsed = wall.Elapsed };
        }

        private void FolderChecks()
        {
            _planned = [];
            List<PlannedCheck> plan;
            try
            {
                PlanFolderChecks();
            }
            finally
            {
                plan = _planned;
                _planned = null;
            }
            RunPlanned(plan);
        }

        private void PlanFolderChecks()
        {
            var d = _design;
            // The test benches and `make sim` trust vectors_out.hex; a stale or corrupt one would make
            // them fail (or pass) for the wrong reason, so it is checked like any other artifact.
            Check($"{Names.Files.VectorsOut} vs {_golden} (shipped vectors)", Names.Files.VectorsOut, ShippedVectorsCheck);
            Check($"{d}.c vs {_golden} (C compiler)", d + ".c", EquivalenceTool.C, CCheck);
            foreach (var top in new[] { d, d + "_pipe" })
            {
                if (!File.Exists(FolderFile(top + ".v")))
                    continue;
                Check($"{top}.v vs {_golden} (Icarus Verilog)", top + ".v", EquivalenceTool.Icarus, () => HdlCheck(top, verilator: false));
                Check($"{top}.v vs {_golden} (Verilator)", top + ".v", EquivalenceTool.Verilator, () => HdlCheck(top, verilator: true));
            }
            // The AXI4-Stream wrapper around the pipelined top, through its own bench (random back-pressure).
            if (File.Exists(FolderFile(d + "_axis.v")))
                Check($"{d}_axis.v vs {_golden} (Icarus Verilog, AXI4-Stream)", d + "_axis.v", EquivalenceTool.Icarus, AxiStreamCheck);
            if (_original is not null)
                Check($"{OriginalNetlistFile} vs {NetlistFile} (ABC cec)", NetlistFile, EquivalenceTool.Formal, NetlistCecCheck);
            Check($"{d}.aig vs {d}.v through Yosys (ABC cec)", d + ".aig", EquivalenceTool.Formal, AigerVerilogCecCheck);
            if (File.Exists(FolderFile(d + "_pipe.v")))
                PipelinedTopProofs(d);
        }

        /// <summary>
        /// The pipelined top proven sequentially (issue 15 item 7), with the pipelined netlist rebuilt
        /// from <c>netlist.json</c> by the pipeline pass the manifest records: that netlist against
        /// <c>&lt;d&gt;_pipe.v</c> read through Yosys, and against <c>netlist.json</c> delayed by
        /// LATENCY (<see cref="SequenceChecks.DelayedByLatency"/>) on the results, by ABC <c>dsec</c>.
        /// With the combinational checks above, this proves the pipelined RTL equal to the reference.
        /// </summary>
        private void PipelinedTopProofs(string d)
        {
            var pipe = d + "_pipe";
            // rebuilt once, by whichever proof runs first (none when formal checks are off)
            var rebuilt = new Lazy<(Netlist? Pipelined, CheckResult? Refused)>(RebuildPipelined);
            CheckResult Proof(Func<Netlist, CheckResult> body) => rebuilt.Value is { Refused: { } r } ? r : body(rebuilt.Value.Pipelined!);
            Check($"{pipe}.v vs {NetlistFile} pipelined through Yosys (ABC dsec)", pipe + ".v", EquivalenceTool.Formal, () => Proof(p =>
            {
                var r = SequenceChecks.NetlistVsVerilog(p, FolderFile(pipe + ".v"), pipe, Workdir("dsec-pipe-verilog"), "", _options.ToolTimeout, _cancellation);
                return Result(r.Status, r.Status == CheckStatus.Fail ? $"{pipe}.v is not equivalent to {NetlistFile} pipelined every {Manifest!.PipelineEvery} levels: {r.Detail}" : r.Detail);
            }));
            Check($"{NetlistFile} pipelined vs {NetlistFile} delayed by LATENCY={Manifest?.Latency} (ABC dsec)", pipe + ".v", EquivalenceTool.Formal, () => Proof(p =>
            {
                var r = SequenceChecks.Dsec(SequenceChecks.DelayedByLatency(_optimised, Manifest!.Latency), p, Workdir("dsec-pipe-delayed"), "", NetlistFile,
                    resultsOnly: true, _options.ToolTimeout, _cancellation);
                return Result(r.Status, r.Status == CheckStatus.Fail ? $"the pipelined top's results are not {NetlistFile}'s {Manifest.Latency} cycles later: {r.Detail}" : r.Detail);
            }));
        }

        /// <summary>The pipelined netlist the manifest's pipeline_every gives, or why the proofs cannot run (skipped) or fail.</summary>
        private (Netlist? Pipelined, CheckResult? Refused) RebuildPipelined()
        {
            if (Manifest is not { PipelineEvery: > 0 } m)
                return (null, Result(CheckStatus.Skipped, $"skipped: {Names.Files.Manifest} does not record pipeline_every (emitted by an older GateForge; emit the design again)"));
            if (_optimised.LatchCount > 0)
                return (null, Result(CheckStatus.Skipped, $"skipped: {NetlistFile} is already sequential"));
            if (Abc.Tool is null)
                return (null, Result(CheckStatus.Skipped, ToolRun.NotInstalled("berkeley-abc").Detail));
            try
            {
                var pipelined = new PipelinePass(m.PipelineEvery).Run(_optimised, new PassContext(null, _cancellation)).Netlist;
                var latency = PipelinePass.LatencyOf(pipelined);
                return latency == m.Latency ? (pipelined, null)
                    : (null, Result(CheckStatus.Fail, $"{NetlistFile} pipelined every {m.PipelineEvery} levels has latency {latency}, {Names.Files.Manifest} says {m.Latency}"));
            }
            catch (Exception e) when (e is NetlistException or ArgumentException or InvalidOperationException)
            {
                return (null, Result(CheckStatus.Fail, $"{NetlistFile}: cannot rebuild the pipelined netlist: {e.Message}"));
            }
        }

        /// <summary>A check of a kind the caller may turn off: run, or reported as skipped with the caller's reason.</summary>
        private void Check(string name, string artifact, EquivalenceTool tool, Func<CheckResult> body)
        {
            if (_options.Runs(tool))
            {
                Check(name, artifact, body, tool == EquivalenceTool.Formal);
                return;
            }
            var why = _options.OffReasons.TryGetValue(tool, out var reason) ? reason : "turned off";
            Check(name, artifact, () => Result(CheckStatus.Skipped, "skipped: " + why));
        }

        /// <summary>A check planned by <see cref="FolderChecks"/>, run by <see cref="RunPlanned"/>.</summary>
        private sealed record PlannedCheck(int Order, string Name, string Artifact, Func<CheckResult> Body, bool Slow);

        /// <summary>While <see cref="FolderChecks"/> plans: the checks to run, instead of running each at once.</summary>
        private List<PlannedCheck>? _planned;

        /// <summary>
        /// Runs the folder's checks on up to <see cref="EquivalenceOptions.Parallelism"/> threads (each
        /// check is mostly one external tool: a C build, a simulator, Yosys, ABC), the formal ones
        /// first as they take longest; the results keep the planned order. On the mnist demo's folder
        /// the checks ran one after another in 75 s.
        /// </summary>
        private void RunPlanned(IReadOnlyList<PlannedCheck> plan)
        {
            var results = new CheckResult[plan.Count];
            var queue = plan.OrderBy(c => c.Slow ? 0 : 1).ThenBy(c => c.Order).ToArray();
            var next = -1;
            Exception? stop = null;
            void Worker()
            {
                int i;
                while (Volatile.Read(ref stop) is null && (i = Interlocked.Increment(ref next)) < queue.Length)
                {
                    try
                    {
                        results[queue[i].Order] = Evaluate(queue[i].Name, queue[i].Artifact, queue[i].Body);
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref stop, e, null); // cancellation: the other workers stop too
                    }
                }
            }
            var helpers = Enumerable.Range(0, Math.Clamp(_options.Parallelism, 1, Math.Max(1, plan.Count)) - 1)
                .Select(_ => Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
            Worker();
            Task.WaitAll(helpers);
            if (stop is not null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(stop);
            _checks.AddRange(results);
        }

        private PackedBits BuildVectors(Netlist nl)
        {
            var layout = StreamLayout.Of(nl);
            var given = _options.Vectors;
            if (given is null && _folder is not null && File.Exists(FolderFile(Names.Files.VectorsIn)))
            {
                using var reader = new StreamReader(FolderFile(Names.Files.VectorsIn));
                given = HexVectors.ReadLines(reader, layout.DataInputs, FolderFile(Names.Files.VectorsIn));
            }
            given ??= new PackedBits(layout.DataInputs, 0);
            if (given.Signals != layout.DataInputs)
                throw new ArgumentException($"the given vectors have {given.Signals} input bits, the design has {layout.DataInputs}");
            _given = given.Samples;
            var random = PackedBits.Random(layout.DataInputs, Math.Max(0, _options.RandomVectors), _options.Seed);
            var all = new PackedBits(layout.DataInputs, given.Samples + random.Samples);
            PackedBitsOps.CopySamples(given, 0, all, 0, given.Samples, layout.DataInputs);
            PackedBitsOps.CopySamples(random, 0, all, given.Samples, random.Samples, layout.DataInputs);
            foreach (var c in nl.Constraints)
            {
                var row = all.Row(nl.InputOffset(c.Bus) + c.Bit);
                row.Fill(c.Value ? ulong.MaxValue : 0UL);
                if (c.Value && all.Samples % 64 != 0)
                    row[^1] = (1UL << (all.Samples % 64)) - 1;
            }
            return all;
        }

        private void Check(string name, string artifact, Func<CheckResult> body, bool slow = false)
        {
            if (_planned is not null)
                _planned.Add(new PlannedCheck(_planned.Count, name, artifact, body, slow));
            else
                _checks.Add(Evaluate(name, artifact, body));
        }

        private CheckResult Evaluate(string name, string artifact, Func<CheckResult> body)
        {
            _cancellation.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            CheckResult result;
            try
            {
                result = body();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                result = new CheckResult(name, CheckStatus.Fail, $"{artifact}: {ex.Message}", TimeSpan.Zero);
            }
            if (ClassIdOnly)
                result = result with { Detail = result.Detail + " (" + ClassIdOnlyNote + ")" };
            return result with { Name = name, Artifact = artifact, Elapsed = sw.Elapsed };
        }

        /// <summary>
        /// The model's outputs on <paramref name="inputs"/> as <paramref name="golden"/> lays them out: the model gives
        /// {scores, class_id}; a class_id-only design is compared on the class_id rows, the last ones.
        /// </summary>
        private PackedBits ModelOutputs(Func<PackedBits, PackedBits> reference, Netlist golden, PackedBits inputs)
        {
            var outputs = reference(inputs);
            var width = StreamLayout.Of(golden).DataOutputs;
            return ClassIdOnly && outputs.Signals > width ? LastRows(outputs, width) : outputs;
        }

        private bool ClassIdOnly => _optimised.Attribute(HeadBuilder.OutputsAttribute) == HeadBuilder.ClassIdOnly;

        private static PackedBits LastRows(PackedBits bits, int rows)
        {
            var result = new PackedBits(rows, bits.Samples);
            bits.Data.AsSpan((bits.Signals - rows) * bits.Words, rows * bits.Words).CopyTo(result.Data);
            return result;
        }

        private static CheckResult Result(CheckStatus status, string detail, Mismatch? mismatch = null) =>
            new("", status, detail, TimeSpan.Zero) { FirstMismatch = mismatch };

        private CheckResult Compare(PackedBits actual, int count, string artifact)
        {
            var expected = count == _expected.Samples ? _expected : PackedBitsOps.Slice(_expected, 0, count);
            if (actual.Signals != expected.Signals)
                return Result(CheckStatus.Fail, $"{artifact} has {actual.Signals} output bits, {_golden} has {expected.Signals}");
            return FirstMismatch(_vectors, expected, actual, count, artifact);
        }

        /// <summary>Pass when <paramref name="actual"/> equals <paramref name="expected"/>, else the first differing vector with its inputs.</summary>
        private CheckResult FirstMismatch(PackedBits inputs, PackedBits expected, PackedBits actual, int count, string artifact)
        {
            var first = PackedBitsOps.FirstDifference(expected, actual);
            if (first < 0)
                return Result(CheckStatus.Pass, $"{count} vectors equal");
            var m = new Mismatch(first, PackedBitsOps.SampleHex(inputs, first),
                PackedBitsOps.SampleHex(expected, first), PackedBitsOps.SampleHex(actual, first));
            return Result(CheckStatus.Fail, $"{artifact} differs from {_golden} on {m}", m);
        }

        private CheckResult SimulationCheck(Netlist nl) =>
            Compare(Simulate(nl, _vectors, _cancellation), _vectors.Samples, nl == _optimised ? _optimisedName : OriginalNetlistFile);

        private string FolderFile(string name) => Path.Combine(_folder!, name);

        private CheckResult ShippedVectorsCheck()
        {
            var inPath = FolderFile(Names.Files.VectorsIn);
            var outPath = FolderFile(Names.Files.VectorsOut);
            if (!File.Exists(inPath) || !File.Exists(outPath))
                return Result(CheckStatus.Skipped, $"skipped: no {Names.Files.VectorsIn} and {Names.Files.VectorsOut} in the folder");
            var golden = _original ?? _optimised;
            PackedBits inputs, shipped;
            using (var reader = new StreamReader(inPath))
                inputs = HexVectors.ReadLines(reader, HexVectors.InputWidth(golden), inPath);
            using (var reader = new StreamReader(outPath))
                shipped = HexVectors.ReadLines(reader, HexVectors.OutputWidth(golden), outPath);
            if (inputs.Samples != shipped.Samples)
                return Result(CheckStatus.Fail, $"{Names.Files.VectorsOut} has {shipped.Samples} vectors, {Names.Files.VectorsIn} has {inputs.Samples}");
            var expected = _options.Reference is { } reference ? ModelOutputs(reference, golden, inputs) : Simulate(golden, inputs, _cancellation);
            return FirstMismatch(inputs, expected, shipped, shipped.Samples, Names.Files.VectorsOut);
        }

        private string Workdir(string name)
        {
            var dir = Path.Combine(_scratch, name);
            Directory.CreateDirectory(dir);
            return dir;
        }

        // ---- C ----------------------------------------------------------------------------

        private CheckResult CCheck()
        {
            var d = _design;
            if (!File.Exists(FolderFile(d + ".c")) || !File.Exists(FolderFile(d + ".h")))
                return Result(CheckStatus.Skipped, $"skipped: no {d}.c / {d}.h in the folder");
            if (_optimised.LatchCount > 0)
                return Result(CheckStatus.Skipped, "skipped: C is emitted for combinational netlists only");
            var dir = Workdir("c");
            File.Copy(FolderFile(d + ".c"), Path.Combine(dir, d + ".c"));
            File.Copy(FolderFile(d + ".h"), Path.Combine(dir, d + ".h"));
            File.WriteAllText(Path.Combine(dir, "gf_driver.c"), CDriver(d));
            var ni = _optimised.InputCount;
            var no = _optimised.OutputCount;
            var words = _vectors.Words;
            using (var f = File.Create(Path.Combine(dir, "in.bin")))
            using (var w = new BinaryWriter(f))
                for (var b = 0; b < words; b++)
                    for (var i = 0; i < ni; i++)
                        w.Write(_vectors.Data[(i * words) + b]);
            var build = CCompiler.Compile(dir, [d + ".c", "gf_driver.c"], "gf_driver", ["-O1"], _options.ToolTimeout, _cancellation);
            if (!build.Ok)
                return Result(build.Status, $"{d}.c: {build.Detail}");
            var run = ToolRun.From(Ir.Tools.ExternalTool.Run(Path.Combine(dir, "gf_driver"),
                ["in.bin", "out.bin", words.ToString(CultureInfo.InvariantCulture)], dir, _options.ToolTimeout, _cancellation), "run");
            if (!run.Ok)
                return Result(CheckStatus.Fail, $"{d}.c: {run.Detail}");
            var actual = new PackedBits(no, _vectors.Samples);
            var bytes = File.ReadAllBytes(Path.Combine(dir, "out.bin"));
            if (bytes.Length != words * no * 8)
                return Result(CheckStatus.Fail, $"{d}.c: the driver wrote {bytes.Length} bytes, expected {words * no * 8}");
            for (var b = 0; b < words; b++)
                for (var o = 0; o < no; o++)
                    actual.Data[(o * words) + b] = BitConverter.ToUInt64(bytes, ((b * no) + o) * 8);
            ClearTail(actual);
            return Compare(actual, _vectors.Samples, d + ".c");
        }

        private static string CDriver(string d)
        {
            var upper = d.ToUpperInvariant();
            return $$"""
                /* GateForge verify: runs {{d}}_eval_packed on 64-sample blocks read from a file. */
                #include <stdint.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include "{{d}}.h"

                int main(int argc, char **argv)
                {
                    static uint64_t in[{{upper}}_NUM_INPUTS + 1], out[{{upper}}_NUM_OUTPUTS + 1];
                    FILE *fi, *fo;
                    long blocks, b;
                    if (argc != 4)
                        return 2;
                    fi = fopen(argv[1], "rb");
                    fo = fopen(argv[2], "wb");
                    blocks = atol(argv[3]);
                    if (!fi || !fo)
                        return 3;
                    for (b = 0; b < blocks; b++) {
                        if (fread(in, sizeof(uint64_t), {{upper}}_NUM_INPUTS, fi) != (size_t){{upper}}_NUM_INPUTS)
                            return 4;
                        {{d}}_eval_packed(in, out);
                        if (fwrite(out, sizeof(uint64_t), {{upper}}_NUM_OUTPUTS, fo) != (size_t){{upper}}_NUM_OUTPUTS)
                            return 5;
                    }
                    fclose(fi);
                    return fclose(fo) == 0 ? 0 : 6;
                }

                """;
        }

        private static void ClearTail(PackedBits p)
        {
            if (p.Samples % 64 == 0)
                return;
            var mask = (1UL << (p.Samples % 64)) - 1;
            for (var r = 0; r < p.Signals; r++)
                p.Data[((long)r * p.Words) + p.Words - 1] &= mask;
        }

        // ---- Verilog ----------------------------------------------------------------------

        private CheckResult HdlCheck(string top, bool verilator)
        {
            var tb = top + "_tb";
            if (!File.Exists(FolderFile(tb + ".v")))
                return Result(CheckStatus.Skipped, $"skipped: no {tb}.v in the folder (emit with vectors)");
            return TestBenchCheck([top + ".v"], tb, verilator, (verilator ? "verilator-" : "icarus-") + top, top + ".v");
        }

        private CheckResult AxiStreamCheck()
        {
            var d = _design;
            var tb = d + "_axis_tb";
            if (!File.Exists(FolderFile(tb + ".v")))
                return Result(CheckStatus.Skipped, $"skipped: no {tb}.v in the folder (emit with vectors)");
            if (!File.Exists(FolderFile(d + "_pipe.v")))
                return Result(CheckStatus.Fail, $"{d}_axis.v: the pipelined top {d}_pipe.v it wraps is not in the folder");
            return TestBenchCheck([d + "_pipe.v", d + "_axis.v"], tb, verilator: false, "icarus-axis", d + "_axis.v");
        }

        /// <summary>Runs test bench <paramref name="tb"/> on <paramref name="sources"/> with the check's vectors and expected results in its own folder.</summary>
        private CheckResult TestBenchCheck(string[] sources, string tb, bool verilator, string workName, string artifact)
        {
            var dir = Workdir(workName);
            foreach (var file in sources.Append(tb + ".v"))
                File.Copy(FolderFile(file), Path.Combine(dir, file));
            var count = Math.Min(_vectors.Samples, Math.Max(1, _options.HdlVectors));
            WriteHex(Path.Combine(dir, Names.Files.VectorsIn), _vectors, count);
            WriteHex(Path.Combine(dir, Names.Files.VectorsOut), _expected, count);
            var parameters = new Dictionary<string, string> { ["NVEC"] = count.ToString(CultureInfo.InvariantCulture) };
            string[] files = [.. sources, tb + ".v"];
            var run = verilator
                ? Verilator.Run(dir, files, tb, parameters, optimiseCpp: false, _options.ToolTimeout, _cancellation)
                : Icarus.Run(dir, files, tb, parameters, _options.ToolTimeout, _cancellation);
            if (run.Status == CheckStatus.Skipped)
                return Result(CheckStatus.Skipped, run.Detail);
            return TestBenchVerdict(run, count, artifact);
        }

        private CheckResult TestBenchVerdict(ToolRun run, int count, string artifact)
        {
            var output = run.Result?.Output ?? "";
            foreach (var raw in output.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("PASS ", StringComparison.Ordinal))
                {
                    var expected = $"PASS {count}/{count}";
                    return line == expected
                        ? Result(CheckStatus.Pass, $"{count} vectors equal ({line})")
                        : Result(CheckStatus.Fail, $"{artifact}: test bench printed '{line}', expected '{expected}'");
                }
                if (line.StartsWith("FAIL vector ", StringComparison.Ordinal))
                    return Result(CheckStatus.Fail, $"{artifact} differs from {_golden}: {Describe(line)}", MismatchOf(line));
                if (line.StartsWith("FAIL", StringComparison.Ordinal))
                    return Result(CheckStatus.Fail, $"{artifact}: test bench printed '{line}'");
            }
            return Result(CheckStatus.Fail, run.Ok
                ? $"{artifact}: the test bench printed neither PASS nor FAIL: {run.Result?.Tail()}"
                : $"{artifact}: {run.Detail}");
        }

        /// <summary>Adds the input bits to a test bench's "FAIL vector i: ..." line.</summary>
        private string Describe(string failLine)
        {
            var m = MismatchOf(failLine);
            return m is null ? failLine : m.ToString();
        }

        private Mismatch? MismatchOf(string failLine)
        {
            // FAIL vector <i>: expected <hex> got <hex>
            var parts = failLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3 || !int.TryParse(parts[2].TrimEnd(':'), CultureInfo.InvariantCulture, out var index)
                || index < 0 || index >= _vectors.Samples)
                return null;
            var expected = parts.Length >= 7 && parts[3] == "expected" ? parts[4] : PackedBitsOps.SampleHex(_expected, index);
            var actual = parts.Length >= 7 && parts[5] == "got" ? parts[6] : string.Join(' ', parts.Skip(3));
            return new Mismatch(index, PackedBitsOps.SampleHex(_vectors, index), expected, actual);
        }

        private static void WriteHex(string path, PackedBits bits, int count)
        {
            var sb = new StringBuilder();
            for (var s = 0; s < count; s++)
                sb.Append(PackedBitsOps.SampleHex(bits, s)).Append('\n');
            File.WriteAllText(path, sb.ToString());
        }

        // ---- formal -----------------------------------------------------------------------

        private CheckResult NetlistCecCheck()
        {
            if (_original!.LatchCount > 0 || _optimised.LatchCount > 0)
                return Result(CheckStatus.Skipped, "skipped: cec compares combinational netlists");
            if (Abc.Tool is null)
                return Result(CheckStatus.Skipped, ToolRun.NotInstalled("berkeley-abc").Detail);
            var dir = Workdir("cec-netlists");
            Aiger.Save(Constrained(_original), Path.Combine(dir, "orig.aig"));
            Aiger.Save(Constrained(_optimised), Path.Combine(dir, "opt.aig"));
            var cec = Abc.Cec(dir, "orig.aig", "opt.aig", _options.ToolTimeout, _cancellation);
            return Result(cec.Status, cec.Ok ? cec.Detail : $"{NetlistFile} is not equivalent to {OriginalNetlistFile}: {cec.Detail}");
        }

        private CheckResult AigerVerilogCecCheck()
        {
            var d = _design;
            if (!File.Exists(FolderFile(d + ".aig")) || !File.Exists(FolderFile(d + ".v")))
                return Result(CheckStatus.Skipped, $"skipped: no {d}.aig and {d}.v in the folder");
            if (_optimised.LatchCount > 0)
                return Result(CheckStatus.Skipped, "skipped: cec compares combinational designs");
            if (Abc.Tool is null)
                return Result(CheckStatus.Skipped, ToolRun.NotInstalled("berkeley-abc").Detail);
            var dir = Workdir("cec-aiger-verilog");
            File.Copy(FolderFile(d + ".aig"), Path.Combine(dir, "emitted.aig"));
            File.Copy(FolderFile(d + ".v"), Path.Combine(dir, d + ".v"));
            var yosys = Yosys.VerilogToAiger(dir, [d + ".v"], d, "verilog.aig", _options.ToolTimeout, _cancellation);
            if (!yosys.Ok)
                return Result(yosys.Status, $"{d}.v: {yosys.Detail}");
            var cec = Abc.Cec(dir, "emitted.aig", "verilog.aig", _options.ToolTimeout, _cancellation);
            return Result(cec.Status, cec.Ok ? cec.Detail : $"{d}.aig is not equivalent to {d}.v: {cec.Detail}");
        }
    }
}
