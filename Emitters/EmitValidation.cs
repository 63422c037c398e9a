using System.Globalization;
using System.Text.RegularExpressions;
using GateForge.Emitters.Verilog;
using GateForge.Ir;

namespace GateForge.Emitters;

/// <summary>
/// Checks a netlist and its <see cref="EmitOptions"/> before anything is written: each problem is
/// an <see cref="ArgumentException"/> (or the netlist's <see cref="NetlistException"/>) with a
/// one-line message.
/// </summary>
internal static partial class EmitValidation
{
    public static void Check(Netlist netlist, EmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(options);
        if (options.DesignName is null || !VerilogNames.IsValidDesignName(options.DesignName))
            throw new ArgumentException($"design name '{options.DesignName}' is not a Verilog/C identifier of the form [a-z_][a-z0-9_]* (or is a reserved word)");
        if ((options.Artifacts & ~EmitArtifacts.All) != 0)
            throw new ArgumentException($"unknown artifact flags {(int)(options.Artifacts & ~EmitArtifacts.All)}");
        if (options.CGatesPerFunction < 0)
            throw new ArgumentException($"CGatesPerFunction must be 0 (one straight-line function) or positive, not {options.CGatesPerFunction}");
        if (options.FpgaPart is null || !PartName().IsMatch(options.FpgaPart))
            throw new ArgumentException($"FPGA part '{options.FpgaPart}' is not a part name ([A-Za-z0-9_.-]+)");

        VerifyNetlist(netlist, "netlist");
        if (netlist.LatchCount > 0)
            throw new ArgumentException($"the netlist has {netlist.LatchCount} latches; emit the combinational netlist and pass the pipelined one as EmitOptions.Pipelined");
        CheckBuses(netlist, "netlist");
        var shape = new DesignShape(netlist);
        if (shape.HasValid || netlist.FindInputBus(DesignShape.InValid) is not null || netlist.FindOutputBus(DesignShape.OutValid) is not null)
            throw new ArgumentException("the combinational netlist must not have in_valid/out_valid buses");

        if (options.OriginalNetlist is not null)
            VerifyNetlist(options.OriginalNetlist, "original netlist");
        if (options.Pipelined is not null)
            PipelineLatency(options.Pipelined, shape);
        if (options.Axi && options.Pipelined is null)
            throw new ArgumentException("the AXI4-Stream wrapper needs the pipelined netlist (EmitOptions.Pipelined)");
        if (options.EncoderThresholds is not null)
            CheckEncoder(options.EncoderThresholds, shape);
        if (options.Vectors is not null)
            CheckVectors(options.Vectors, netlist);
    }

    /// <summary>The pipelined netlist's latency, after checking its interface and valid shift register.</summary>
    public static int PipelineLatency(Netlist pipelined, DesignShape combinational)
    {
        VerifyNetlist(pipelined, "pipelined netlist");
        CheckBuses(pipelined, "pipelined netlist");
        var shape = new DesignShape(pipelined);
        var inValid = pipelined.FindInputBus(DesignShape.InValid);
        var outValid = pipelined.FindOutputBus(DesignShape.OutValid);
        if (inValid is null || outValid is null || inValid.Width != 1 || outValid.Width != 1)
            throw new ArgumentException("the pipelined netlist needs 1-bit buses in_valid and out_valid (the output of the pipeline pass)");
        if (!shape.SameInterface(combinational))
            throw new ArgumentException("the pipelined netlist's data buses differ from the combinational netlist's");
        // Follow out_valid back through the valid shift register to in_valid.
        var lit = outValid.Bits[0];
        var stages = 0;
        while (!Lit.IsInverted(lit) && pipelined.Kind(Lit.Node(lit)) == NodeKind.Latch && stages <= pipelined.LatchCount)
        {
            if (pipelined.F1(Lit.Node(lit)) != LatchInit.Zero)
                throw new ArgumentException($"pipelined netlist: valid register n{Lit.Node(lit)} does not reset to 0");
            lit = pipelined.F0(Lit.Node(lit));
            stages++;
        }
        if (lit != inValid.Bits[0])
            throw new ArgumentException("pipelined netlist: out_valid is not a shift register of in_valid");
        var attribute = pipelined.Attribute(Names.Attributes.PipelineLatency);
        if (attribute is not null && (!int.TryParse(attribute, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) || declared != stages))
            throw new ArgumentException($"pipelined netlist: attribute pipeline.latency = {attribute} but the valid shift register has {stages} stages");
        return stages;
    }

    private static void VerifyNetlist(Netlist netlist, string what)
    {
        try
        {
            netlist.Verify();
        }
        catch (NetlistException e)
        {
            throw new NetlistException($"cannot emit the {what}: {e.Message}", e);
        }
    }

    private static void CheckBuses(Netlist netlist, string what)
    {
        if (netlist.OutputBuses.Count == 0)
            throw new ArgumentException($"the {what} has no output buses");
        foreach (var bus in netlist.InputBuses.Concat(netlist.OutputBuses))
        {
            if (!VerilogNames.IsValidBusName(bus.Name))
                throw new ArgumentException($"the {what}'s bus name '{bus.Name}' is not a usable Verilog/C identifier");
            if (bus.Width == 0)
                throw new ArgumentException($"the {what}'s bus '{bus.Name}' has no bits");
        }
    }

    private static void CheckEncoder(IReadOnlyList<int[]> thresholds, DesignShape shape)
    {
        if (shape.DataInputs.Count != 1)
            throw new ArgumentException($"the input encoder needs a netlist with one input bus, not {shape.DataInputs.Count}");
        if (thresholds.Count == 0)
            throw new ArgumentException("the input encoder has no features");
        var bits = 0;
        for (var f = 0; f < thresholds.Count; f++)
        {
            if (thresholds[f] is null || thresholds[f].Length == 0)
                throw new ArgumentException($"encoder feature {f} has no thresholds");
            foreach (var t in thresholds[f])
                if (t is < 0 or > 255)
                    throw new ArgumentException($"encoder feature {f}: threshold {t} is not an 8-bit value (0..255)");
            bits += thresholds[f].Length;
        }
        if (bits != shape.InputBits)
            throw new ArgumentException($"the encoder produces {bits} bits but input bus '{shape.DataInputs[0].Name}' has {shape.InputBits}");
    }

    private static void CheckVectors(EmitVectors vectors, Netlist netlist)
    {
        if (vectors.Inputs is null || vectors.Outputs is null)
            throw new ArgumentException("vectors need both inputs and expected outputs");
        if (vectors.Inputs.Signals != netlist.InputCount)
            throw new ArgumentException($"vectors have {vectors.Inputs.Signals} input rows but the netlist has {netlist.InputCount} inputs");
        if (vectors.Outputs.Signals != netlist.OutputCount)
            throw new ArgumentException($"vectors have {vectors.Outputs.Signals} output rows but the netlist has {netlist.OutputCount} outputs");
        if (vectors.Inputs.Samples != vectors.Outputs.Samples)
            throw new ArgumentException($"vectors have {vectors.Inputs.Samples} inputs but {vectors.Outputs.Samples} expected outputs");
        if (vectors.Inputs.Samples == 0)
            throw new ArgumentException("vectors are empty (a test bench needs at least one)");
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex PartName();
}
