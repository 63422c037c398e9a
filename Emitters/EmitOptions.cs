using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>Which groups of files <see cref="DesignEmitter.Emit"/> writes.</summary>
[Flags]
public enum EmitArtifacts
{
    None = 0,
    /// <summary><c>&lt;d&gt;.v</c>, plus <c>&lt;d&gt;_pipe.v</c>, <c>&lt;d&gt;_axis.v</c>, <c>&lt;d&gt;_enc.v</c> when asked for.</summary>
    Verilog = 1,
    /// <summary>Test benches and <c>vectors_in.hex</c> / <c>vectors_out.hex</c> (needs <see cref="EmitOptions.Vectors"/>).</summary>
    TestBench = 2,
    /// <summary><c>&lt;d&gt;.aag</c> and <c>&lt;d&gt;.aig</c>.</summary>
    Aiger = 4,
    /// <summary><c>&lt;d&gt;.c</c> and <c>&lt;d&gt;.h</c> (combinational netlists only).</summary>
    C = 8,
    /// <summary><c>yosys.ys</c>, <c>vivado.tcl</c>, <c>Makefile</c>.</summary>
    Scripts = 16,
    /// <summary><c>netlist.json</c> (and <c>netlist.orig.json</c> when <see cref="EmitOptions.OriginalNetlist"/> is set).</summary>
    NetlistJson = 32,
    All = Verilog | TestBench | Aiger | C | Scripts | NetlistJson,
}

/// <summary>Test vectors: input bits (the input buses concatenated) and the expected outputs (output buses concatenated).</summary>
public sealed record EmitVectors(PackedBits Inputs, PackedBits Outputs);

/// <summary>What <see cref="DesignEmitter.Emit"/> writes and how.</summary>
public sealed record EmitOptions
{
    /// <summary>Default part for <c>vivado.tcl</c> (an Artix-7 that the free Vivado edition supports).</summary>
    public const string DefaultFpgaPart = "xc7a35tcpg236-1";
    /// <summary>Default bound on gates per emitted C function.</summary>
    public const int DefaultCGatesPerFunction = 64;

    /// <summary>Module, file and C prefix: a Verilog/C identifier <c>[a-z_][a-z0-9_]*</c>.</summary>
    public required string DesignName { get; init; }

    /// <summary>The output of the pipeline pass for the same function, emitted as module <c>&lt;d&gt;_pipe</c> in <c>&lt;d&gt;_pipe.v</c>.</summary>
    public Netlist? Pipelined { get; init; }

    /// <summary>Also emit <c>&lt;d&gt;_axis.v</c>, an AXI4-Stream wrapper around <c>&lt;d&gt;_pipe</c> (needs <see cref="Pipelined"/>).</summary>
    public bool Axi { get; init; }

    /// <summary>Per feature, its 8-bit thresholds (0..255); input bit j of feature f = value &gt; threshold j. Emits <c>&lt;d&gt;_enc.v</c>.</summary>
    public IReadOnlyList<int[]>? EncoderThresholds { get; init; }

    /// <summary>The model's input encoding (encoder.json): the C gets <c>&lt;d&gt;_encode</c> beside <c>&lt;d&gt;_predict</c>. Null: none.</summary>
    public IReadOnlyList<C.CFeatureEncoding>? InputEncoding { get; init; }

    /// <summary>Test vectors for the test benches (hex files).</summary>
    public EmitVectors? Vectors { get; init; }

    /// <summary>The netlist before optimisation, written as <c>netlist.orig.json</c>.</summary>
    public Netlist? OriginalNetlist { get; init; }

    /// <summary>Default part of <c>vivado.tcl</c> (the script takes another as its first -tclargs argument).</summary>
    public string FpgaPart { get; init; } = DefaultFpgaPart;

    public EmitArtifacts Artifacts { get; init; } = EmitArtifacts.All;

    /// <summary>
    /// Gates per C function (bounded functions keep compile time linear). 0 writes one straight-line
    /// function with a local per gate, the way difflogic emits C (for comparison; compiles slowly).
    /// </summary>
    public int CGatesPerFunction { get; init; } = DefaultCGatesPerFunction;
}

/// <summary>The folder written and the files in it (names relative to the folder, in writing order).</summary>
public sealed record EmitResult(string OutputDir, IReadOnlyList<string> Files);
