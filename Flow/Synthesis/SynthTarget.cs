namespace GateForge.Flow.Synthesis;

/// <summary>The synthesis targets of `gateforge synth`.</summary>
public enum SynthTarget
{
    /// <summary>Generic 6-input LUTs (Yosys `synth -lut 6`, or its fast ABC flow).</summary>
    Lut6,
    /// <summary>Xilinx 7-series (Yosys `synth_xilinx`).</summary>
    Xilinx,
    /// <summary>Lattice iCE40 (Yosys `synth_ice40`, 4-input LUTs).</summary>
    Ice40,
}

public static class SynthTargets
{
    public static readonly string[] Names = ["lut6", "xilinx", "ice40"];

    public static SynthTarget Parse(string name) => name.ToLowerInvariant() switch
    {
        "lut6" or "generic" => SynthTarget.Lut6,
        "xilinx" => SynthTarget.Xilinx,
        "ice40" => SynthTarget.Ice40,
        _ => throw new FlowUsageException($"unknown synthesis target '{name}' (known: {string.Join(", ", Names)})"),
    };

    public static string Name(SynthTarget t) => Names[(int)t];

    /// <summary>LUT size of the target's fabric.</summary>
    public static int LutInputs(SynthTarget t) => t == SynthTarget.Ice40 ? 4 : 6;
}
