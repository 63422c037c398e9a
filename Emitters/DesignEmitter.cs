using System.Text;
using GateForge.Emitters.C;
using GateForge.Emitters.Scripts;
using GateForge.Emitters.Text;
using GateForge.Emitters.Verilog;
using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>
/// Writes the design folder of SPEC §5 (the generated-file contract of docs/ARCHITECTURE.md):
/// Verilog tops, test benches and vectors, AIGER, C, scripts and the netlist JSON. Everything is
/// checked before the first byte is written, the folder appears all at once (<see cref="AtomicOutput"/>;
/// other files already in an existing folder stay),
/// and the files are deterministic: no dates, paths or random names in them.
/// </summary>
public static class DesignEmitter
{
    public static EmitResult Emit(Netlist netlist, EmitOptions options, string outputDir)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputDir);
        EmitValidation.Check(netlist, options);
        var shape = new DesignShape(netlist);
        var pipeModule = options.Pipelined is null ? null : options.DesignName + "_pipe";
        var latency = options.Pipelined is null ? 0 : EmitValidation.PipelineLatency(options.Pipelined, shape);
        var files = new List<DesignFile>();

        AtomicOutput.WriteFolder(outputDir, staging =>
        {
            Write(staging, netlist, options, shape, latency, pipeModule, files);
            files.Add(new DesignFile(Names.Files.Manifest, DesignFileKind.Manifest));
            Manifest(netlist, options, latency, pipeModule, files).Save(staging);
        }, ExistingFolder.Merge);
        return new EmitResult(Path.GetFullPath(outputDir), [.. files.Select(f => f.Name)]);
    }

    private static DesignManifest Manifest(Netlist netlist, EmitOptions options, int latency, string? pipeModule, List<DesignFile> files) => new()
    {
        Design = options.DesignName,
        Module = options.DesignName,
        PipelinedModule = pipeModule,
        Latency = latency,
        PipelineEvery = int.TryParse(options.Pipelined?.Attribute(Names.Attributes.PipelineEvery), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var every) ? every : 0,
        CPrefix = files.Any(f => f.Kind == DesignFileKind.CSource) ? options.DesignName + "_" : null,
        Inputs = [.. netlist.InputBuses.Select(b => new DesignBus(b.Name, b.Width))],
        Outputs = [.. netlist.OutputBuses.Select(b => new DesignBus(b.Name, b.Width))],
        Vectors = files.Any(f => f.Kind == DesignFileKind.VectorsIn) ? options.Vectors!.Inputs.Samples : 0,
        Files = [.. files],
    };

    private static void Write(string staging, Netlist netlist, EmitOptions options, DesignShape shape, int latency,
        string? pipeModule, List<DesignFile> files)
    {
        var d = options.DesignName;
        var want = options.Artifacts;
        var templates = new TemplateSet();
        void Text(string name, DesignFileKind kind, string text)
        {
            File.WriteAllText(Path.Combine(staging, name), text, new UTF8Encoding(false));
            files.Add(new DesignFile(name, kind));
        }
        string Target(string name, DesignFileKind kind)
        {
            files.Add(new DesignFile(name, kind));
            return Path.Combine(staging, name);
        }

        var verilogSources = new List<string>();
        var axis = want.HasFlag(EmitArtifacts.Verilog) && options.Pipelined is not null && options.Axi;
        if (want.HasFlag(EmitArtifacts.Verilog))
        {
            new VerilogModuleWriter(netlist, d, null, "combinational top").Write(Target(d + ".v", DesignFileKind.Verilog), templates);
            verilogSources.Add(d + ".v");
            if (options.Pipelined is not null)
            {
                new VerilogModuleWriter(options.Pipelined, pipeModule!, latency,
                    $"pipelined top, one input per clock, results LATENCY = {latency} cycles later")
                    .Write(Target(pipeModule + ".v", DesignFileKind.PipelinedVerilog), templates);
                verilogSources.Add(pipeModule + ".v");
                if (axis)
                {
                    Text(d + "_axis.v", DesignFileKind.AxiStreamVerilog, AxiStreamEmitter.Render(templates, new DesignShape(options.Pipelined), d + "_axis", pipeModule!, latency));
                    verilogSources.Add(d + "_axis.v");
                }
            }
            if (options.EncoderThresholds is not null)
            {
                Text(d + "_enc.v", DesignFileKind.EncoderVerilog, EncoderEmitter.Render(templates, shape, d + "_enc", d, options.EncoderThresholds));
                verilogSources.Add(d + "_enc.v");
            }
        }

        var testBench = want.HasFlag(EmitArtifacts.TestBench) && options.Vectors is not null;
        if (testBench)
        {
            var n = options.Vectors!.Inputs.Samples;
            Text(d + "_tb.v", DesignFileKind.TestBench, TestBenchEmitter.Combinational(templates, shape, d, n));
            if (pipeModule is not null)
                Text(pipeModule + "_tb.v", DesignFileKind.PipelinedTestBench, TestBenchEmitter.Pipelined(templates, shape, pipeModule, n, latency));
            if (axis)
                Text(d + "_axis_tb.v", DesignFileKind.AxiStreamTestBench,
                    TestBenchEmitter.AxiStream(templates, new DesignShape(options.Pipelined!), d + "_axis", pipeModule!, n));
            using (var w = NewText(Target(Names.Files.VectorsIn, DesignFileKind.VectorsIn)))
                HexVectors.WriteInputs(netlist, options.Vectors.Inputs, w);
            using (var w = NewText(Target(Names.Files.VectorsOut, DesignFileKind.VectorsOut)))
                HexVectors.WriteOutputs(netlist, options.Vectors.Outputs, w);
        }

        if (want.HasFlag(EmitArtifacts.Aiger))
        {
            Aiger.Save(netlist, Target(d + ".aag", DesignFileKind.AigerAscii));
            Aiger.Save(netlist, Target(d + ".aig", DesignFileKind.AigerBinary));
        }

        if (want.HasFlag(EmitArtifacts.C))
        {
            var c = new CEmitter(netlist, shape, d, options.CGatesPerFunction, options.InputEncoding);
            c.WriteHeader(Target(d + ".h", DesignFileKind.CHeader), templates);
            c.WriteSource(Target(d + ".c", DesignFileKind.CSource), templates);
        }

        if (want.HasFlag(EmitArtifacts.Scripts))
        {
            var (yosys, vivado, makefile) = ScriptEmitter.Render(templates, d, pipeModule, testBench, testBench && axis,
                want.HasFlag(EmitArtifacts.Aiger), options.FpgaPart,
                verilogSources.Count > 0 ? verilogSources : [d + ".v"]);
            Text("yosys.ys", DesignFileKind.YosysScript, yosys);
            Text("vivado.tcl", DesignFileKind.VivadoScript, vivado);
            Text("Makefile", DesignFileKind.Makefile, makefile);
        }

        if (want.HasFlag(EmitArtifacts.NetlistJson))
        {
            NetlistJson.Save(netlist, Target(Names.Files.Netlist, DesignFileKind.Netlist));
            if (options.OriginalNetlist is not null)
                NetlistJson.Save(options.OriginalNetlist, Target(Names.Files.OriginalNetlist, DesignFileKind.OriginalNetlist));
        }
    }

    private static StreamWriter NewText(string path) =>
        new(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
}
