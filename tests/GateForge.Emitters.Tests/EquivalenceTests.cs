using System.Text.RegularExpressions;
using GateForge.Ir;
using GateForge.Ir.Tools;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Emitters.Tests;

/// <summary>ABC cec between the emitted AIGER and the emitted Verilog read through Yosys.</summary>
public sealed class EquivalenceTests
{
    [Fact]
    public void Make_equiv_proves_the_aiger_equal_to_the_verilog()
    {
        var nl = TestDesigns.Toy(inputs: 20, layers: [80, 60], classes: 4, seed: 21);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "toy", Artifacts = EmitArtifacts.Verilog | EmitArtifacts.Aiger | EmitArtifacts.Scripts }, dir.File("toy"));
        var output = Tools.Run(r.OutputDir, "make", "-s", "equiv").Output;
        Assert.Contains(Abc.EquivalentVerdict, output);
    }

    [Fact]
    public void A_planted_one_gate_change_in_the_verilog_is_caught()
    {
        var nl = TestDesigns.Toy(inputs: 20, layers: [80, 60], classes: 4, seed: 21);
        var gate = FirstObservableAndGate(nl);
        using var dir = new TempDir();
        var r = DesignEmitter.Emit(nl, new EmitOptions { DesignName = "toy", Artifacts = EmitArtifacts.Verilog | EmitArtifacts.Aiger }, dir.File("toy"));
        var verilog = Path.Combine(r.OutputDir, "toy.v");
        var text = File.ReadAllText(verilog);
        var line = new Regex($@"^  wire n{gate}; assign n{gate} = (\S+) & (\S+);$", RegexOptions.Multiline);
        Assert.Matches(line, text);
        File.WriteAllText(verilog, line.Replace(text, $"  wire n{gate}; assign n{gate} = $1 ^ $2;"));
        var cec = Tools.CecAgainstVerilog(r.OutputDir, "toy.aig", "toy.v", "toy");
        Assert.Equal(CheckStatus.Fail, cec.Status);
        Assert.Contains("NOT EQUIVALENT", cec.Detail);
    }

    /// <summary>The first AND gate whose change into an XOR of the same (possibly inverted) fanins changes an output on some vector.</summary>
    private static int FirstObservableAndGate(Netlist nl)
    {
        var vectors = PackedBits.Random(nl.InputCount, 2000, seed: 4);
        var reference = CombEvaluator.Evaluate(nl, vectors);
        var live = LiveNodes.Mark(nl);
        for (var node = 1; node < nl.NodeCount; node++)
        {
            if (nl.Kind(node) != NodeKind.And || !live[node])
                continue;
            var b = NetlistBuilder.StartFrom(nl, out var map);
            for (var i = 1; i < nl.NodeCount; i++)
            {
                var x = NetlistBuilder.MapLit(map, nl.F0(i));
                var y = NetlistBuilder.MapLit(map, nl.F1(i));
                map[i] = nl.Kind(i) switch
                {
                    NodeKind.And when i == node => b.Xor(x, y),
                    NodeKind.And => b.And(x, y),
                    NodeKind.Xor => b.Xor(x, y),
                    _ => map[i],
                };
            }
            if (!CombEvaluator.Evaluate(b.FinishFrom(nl, map), vectors).RowsEqual(reference))
                return node;
        }
        throw new InvalidOperationException("no observable AND gate");
    }
}
