using GateForge.Emitters;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>The small designs the emitter tests share, and helpers to emit and run them.</summary>
internal static class TestDesigns
{
    /// <summary>A ripple-carry adder: inputs a[width], b[width], output sum[width+1].</summary>
    public static Netlist Adder(int width = 4)
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("a", width);
        var y = b.AddInputBus("b", width);
        var sum = new int[width + 1];
        var carry = Lit.False;
        for (var i = 0; i < width; i++)
        {
            var p = b.Xor(x[i], y[i]);
            sum[i] = b.Xor(p, carry);
            carry = b.Or(b.And(x[i], y[i]), b.And(p, carry));
        }
        sum[width] = carry;
        b.AddOutputBus("sum", sum);
        return b.Build();
    }

    /// <summary>A trained-shaped toy network with its GroupSum head (scores, class_id).</summary>
    public static Netlist Toy(int inputs = 12, int[]? layers = null, int classes = 3, int seed = 7) =>
        RandomNetlists.Layered(inputs, layers ?? [24, 18], seed, headClasses: classes);

    public static Netlist Pipelined(Netlist netlist, int every = 2) =>
        new PipelinePass(every).Run(netlist, new PassContext()).Netlist;

    /// <summary>Random input vectors and their outputs from the core evaluator.</summary>
    public static EmitVectors Vectors(Netlist netlist, int count, int seed = 3)
    {
        var inputs = PackedBits.Random(netlist.InputCount, count, seed);
        return new EmitVectors(inputs, CombEvaluator.Evaluate(netlist, inputs));
    }

    public static EmitOptions Options(string design, Netlist netlist, int vectors = 40) => new()
    {
        DesignName = design,
        Vectors = Vectors(netlist, vectors),
    };

    /// <summary>Every emitted file's text, keyed by file name (binary AIGER left out).</summary>
    public static SortedDictionary<string, string> ReadTextFiles(EmitResult result)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in result.Files.Where(f => !f.EndsWith(".aig", StringComparison.Ordinal)))
            files[f] = File.ReadAllText(Path.Combine(result.OutputDir, f));
        return files;
    }
}
