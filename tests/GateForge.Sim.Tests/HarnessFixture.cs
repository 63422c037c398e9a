using GateForge.Emitters;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

/// <summary>A small head-shaped design emitted once with DesignEmitter (combinational and pipelined tops, vectors, original netlist).</summary>
internal static class HarnessFixture
{
    public const string Design = "tiny";

    public static Netlist Original() => RandomNetlists.Layered(12, [48, 36], seed: 21, headClasses: 3);

    /// <summary>The "optimised" netlist: a structural-hashing copy of the original.</summary>
    public static Netlist Optimised(Netlist original)
    {
        var b = NetlistBuilder.StartFrom(original, out var map);
        b.MapGates(original, map);
        return b.FinishFrom(original, map);
    }

    public static Netlist Pipelined(Netlist comb) =>
        new Ir.Passes.PipelinePass(2).Run(comb, new Ir.Passes.PassContext()).Netlist;

    public static void Emit(string dir, bool pipelined = true, bool axi = false)
    {
        var orig = Original();
        var opt = Optimised(orig);
        var inputs = PackedBits.Random(opt.InputCount, 40, 5);
        DesignEmitter.Emit(opt, new EmitOptions
        {
            DesignName = Design,
            OriginalNetlist = orig,
            Pipelined = pipelined ? Pipelined(opt) : null,
            Axi = axi,
            Vectors = new EmitVectors(inputs, CombEvaluator.Evaluate(opt, inputs)),
        }, dir);
    }

    public static EquivalenceOptions Options(bool c = false, bool icarus = false, bool verilator = false, bool formal = false) => new()
    {
        RandomVectors = 300,
        HdlVectors = 120,
        CheckC = c,
        CheckIcarus = icarus,
        CheckVerilator = verilator,
        CheckFormal = formal,
    };
}
