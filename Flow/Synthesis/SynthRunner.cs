using GateForge.Flow.Reports;
using GateForge.Ir.Tools;

namespace GateForge.Flow.Synthesis;

/// <summary>What to synthesise: the emitted Verilog, its AIGER, and the design's size.</summary>
public sealed record SynthInput(string VerilogPath, string AigerPath, string Top, long AndEquivalent, int Latches);

/// <summary>Budget knobs: designs above these sizes take the faster flow (see TOOLS.md for the measured speeds).</summary>
public sealed record SynthLimits(long FullYosysMaxGates, long FastYosysMaxGates, TimeSpan Timeout)
{
    /// <summary>`synth -lut 6`, `synth_xilinx`, `synth_ice40` up to 5,000 AND-equivalents; the fast Yosys LUT flow up to 30,000; ABC's `if` beyond.</summary>
    public static SynthLimits Default { get; } = new(5_000, 30_000, TimeSpan.FromMinutes(5));
}

/// <summary>
/// Runs one synthesis flow and returns LUT, flip-flop and cell counts. Small designs go through the
/// target's full Yosys flow; larger ones through Yosys's fast LUT flow (`abc -fast -lut K`, generic
/// LUT6 only); the largest through ABC's LUT mapper `if -K k` on the binary AIGER. The record's
/// Tool field says which one made the figures.
/// </summary>
public static class SynthRunner
{
    public static SynthesisRecord Run(SynthTarget target, SynthInput input, SynthLimits limits, string workDir, CancellationToken cancellation)
    {
        var name = SynthTargets.Name(target);
        // The tools run inside their own work folder, so relative paths would point nowhere.
        input = input with { VerilogPath = Path.GetFullPath(input.VerilogPath), AigerPath = Path.GetFullPath(input.AigerPath) };
        if (input.AndEquivalent <= limits.FullYosysMaxGates)
            return RunYosys(name, FullScript(target, input), $"yosys {FullFlowName(target)}", limits, workDir, cancellation);
        if (target == SynthTarget.Lut6 && input.AndEquivalent <= limits.FastYosysMaxGates)
            return RunYosys(name, FastLutScript(input), "yosys " + Yosys.FastLutMap(6), limits, workDir, cancellation);
        return AbcLutMap(name, SynthTargets.LutInputs(target), input, limits, workDir, cancellation);
    }

    private static string FullFlowName(SynthTarget target) => target switch
    {
        SynthTarget.Lut6 => "synth -lut 6",
        SynthTarget.Xilinx => "synth_xilinx",
        _ => "synth_ice40",
    };

    private static string FullScript(SynthTarget target, SynthInput input)
    {
        var read = $"read_verilog {Quote(input.VerilogPath)}; ";
        var synth = target switch
        {
            SynthTarget.Lut6 => $"synth -top {input.Top} -flatten -lut 6",
            SynthTarget.Xilinx => $"synth_xilinx -top {input.Top} -flatten",
            _ => $"synth_ice40 -top {input.Top}",
        };
        return read + synth + "; tee -q -o stat.json stat -json";
    }

    // TOOLS.md: the same LUT count as `synth -lut 6` in a quarter of the time on big flat netlists.
    private static string FastLutScript(SynthInput input) =>
        $"read_verilog {Quote(input.VerilogPath)}; hierarchy -top {input.Top}; proc; flatten; techmap; opt_clean; {Yosys.FastLutMap(6)}; opt_clean; tee -q -o stat.json stat -json";

    private static SynthesisRecord RunYosys(string name, string script, string tool, SynthLimits limits, string workDir, CancellationToken cancellation)
    {
        if (!Yosys.Installed)
            return Skipped(name, tool, "yosys is not installed");
        var dir = Directory.CreateDirectory(Path.Combine(workDir, "synth-" + name)).FullName;
        var result = ExternalTool.Run("yosys", ["-q", "-p", script], dir, limits.Timeout, cancellation);
        if (result.TimedOut)
            return new SynthesisRecord(name, tool, null, null, null, SynthesisStatus.Timeout, $"stopped after {limits.Timeout.TotalSeconds:0} s", result.Elapsed.TotalSeconds);
        if (!result.Ok)
            return new SynthesisRecord(name, tool, null, null, null, SynthesisStatus.Error, result.Tail(), result.Elapsed.TotalSeconds);
        var statPath = Path.Combine(dir, "stat.json");
        if (!File.Exists(statPath))
            throw new InvalidDataException($"yosys wrote no statistics ({statPath})");
        var stats = YosysStats.Load(statPath);
        return new SynthesisRecord(name, tool, stats.Luts, stats.FlipFlops, stats.Cells, SynthesisStatus.Ok, "", result.Elapsed.TotalSeconds);
    }

    private static SynthesisRecord AbcLutMap(string name, int k, SynthInput input, SynthLimits limits, string workDir, CancellationToken cancellation)
    {
        var tool = $"abc if -K {k} (AIGER)";
        if (Abc.Tool is not { } abc)
            return Skipped(name, tool, "berkeley-abc is not installed");
        var dir = Directory.CreateDirectory(Path.Combine(workDir, "synth-" + name)).FullName;
        var (result, mapped, latches) = Abc.LutMap(abc, input.AigerPath, k, dir, limits.Timeout, cancellation);
        if (result.TimedOut)
            return new SynthesisRecord(name, tool, null, null, null, SynthesisStatus.Timeout, $"stopped after {limits.Timeout.TotalSeconds:0} s", result.Elapsed.TotalSeconds);
        if (mapped is not { } luts || latches is not { } lat)
            return new SynthesisRecord(name, tool, null, null, null, SynthesisStatus.Error, result.Tail(), result.Elapsed.TotalSeconds);
        // The AIGER is the combinational netlist; the pipelined top adds its registers one to one.
        var ffs = lat + input.Latches;
        var detail = "LUT mapping of the combinational AIGER; flip-flops = the pipeline's registers";
        return new SynthesisRecord(name, tool, luts, ffs, luts + ffs, SynthesisStatus.Ok, detail, result.Elapsed.TotalSeconds);
    }

    private static SynthesisRecord Skipped(string name, string tool, string why) => new(name, tool, null, null, null, SynthesisStatus.Skipped, why, 0);

    private static string Quote(string path) => "\"" + path.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
