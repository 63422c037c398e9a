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
        var files = new List<string>();

        AtomicOutput.WriteFolder(outputDir, staging => Write(staging, netlist, options, shape, latency, pipeModule, files), ExistingFolder.Merge);
        return new EmitResult(Path.GetFullPath(outputDir), files);
    }

    private static void Write(string staging, Netlist netlist, EmitOptions options, DesignShape shape, int latency,
        string? pipeModule, List<string> files)
    {
        var d = options.DesignName;
        var want = options.Artifacts;
        var templates = new TemplateSet();
        void Text(string name, string text)
        {
            File.WriteAllText(Path.Combine(staging, name), text, new UTF8Encoding(false));
            files.Add(name);
        }
        string Target(string name)
        {
            files.Add(name);
            return Path.Combine(staging, name);
        }

        var verilogSources = new List<string>();
        if (want.HasFlag(EmitArtifacts.Verilog))
        {
            new VerilogModuleWriter(netlist, d, null, "combinational top").Write(Target(d + ".v"), templates);
            verilogSources.Add(d + ".v");
            if (options.Pipelined is not null)
            {
                new VerilogModuleWriter(options.Pipelined, pipeModule!, latency,
                    $"pipelined top, one input per clock, results LATENCY = {latency} cycles later")
                    .Write(Target(pipeModule + ".v"), templates);
                verilogSources.Add(pipeModule + ".v");
                if (options.Axi)
                {
                    Text(d + "_axis.v", AxiStreamEmitter.Render(templates, new DesignShape(options.Pipelined), d + "_axis", pipeModule!, latency));
                    verilogSources.Add(d + "_axis.v");
                }
            }
            if (options.EncoderThresholds is not null)
            {
                Text(d + "_enc.v", EncoderEmitter.Render(templates, shape, d + "_enc", d, options.EncoderThresholds));
                verilogSources.Add(d + "_enc.v");
            }
        }

        var testBench = want.HasFlag(EmitArtifacts.TestBench) && options.Vectors is not null;
        if (testBench)
        {
            var n = options.Vectors!.Inputs.Samples;
            Text(d + "_tb.v", TestBenchEmitter.Combinational(templates, shape, d, n));
            if (pipeModule is not null)
                Text(pipeModule + "_tb.v", TestBenchEmitter.Pipelined(templates, shape, pipeModule, n, latency));
            using (var w = NewText(Target("vectors_in.hex")))
                HexVectors.WriteInputs(netlist, options.Vectors.Inputs, w);
            using (var w = NewText(Target("vectors_out.hex")))
                HexVectors.WriteOutputs(netlist, options.Vectors.Outputs, w);
        }

        if (want.HasFlag(EmitArtifacts.Aiger))
        {
            Aiger.Save(netlist, Target(d + ".aag"));
            Aiger.Save(netlist, Target(d + ".aig"));
        }

        if (want.HasFlag(EmitArtifacts.C))
        {
            var c = new CEmitter(netlist, shape, d, options.CGatesPerFunction);
            c.WriteHeader(Target(d + ".h"), templates);
            c.WriteSource(Target(d + ".c"), templates);
        }

        if (want.HasFlag(EmitArtifacts.Scripts))
        {
            var (yosys, vivado, makefile) = ScriptEmitter.Render(templates, d, pipeModule, testBench,
                want.HasFlag(EmitArtifacts.Aiger), options.FpgaPart,
                verilogSources.Count > 0 ? verilogSources : [d + ".v"]);
            Text("yosys.ys", yosys);
            Text("vivado.tcl", vivado);
            Text("Makefile", makefile);
        }

        if (want.HasFlag(EmitArtifacts.NetlistJson))
        {
            NetlistJson.Save(netlist, Target("netlist.json"));
            if (options.OriginalNetlist is not null)
                NetlistJson.Save(options.OriginalNetlist, Target("netlist.orig.json"));
        }
    }

    private static StreamWriter NewText(string path) =>
        new(path, append: false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
}
