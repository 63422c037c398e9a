using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class PipelinePassTests
{
    private static Netlist Pipeline(Netlist nl, int every) =>
        new PassManager { VerifyEachPass = true }.Run(nl, $"pipeline(every={every})").Final;

    public static TheoryData<string, int> Cases() => new()
    {
        { "layered-head", 1 },
        { "layered-head", 3 },
        { "layered-head", 100 },
        { "dag", 2 },
        { "dag", 5 },
        { "chain", 4 },
    };

    private static Netlist Design(string name) => name switch
    {
        "layered-head" => RandomNetlists.Layered(16, [48, 48, 30], seed: 4, headClasses: 3),
        "dag" => RandomNetlists.Dag(12, 300, 9, seed: 5),
        _ => PassTestKit.Chain(19, xor: true),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_equal_the_combinational_results_delayed_by_exactly_the_latency(string design, int every)
    {
        var comb = Design(design);
        var piped = Pipeline(comb, every);
        var depth = comb.Depth;
        var latency = int.Parse(piped.Attribute(PipelinePass.LatencyAttribute)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Max(1, (depth + every - 1) / every), latency);
        Assert.Equal(every.ToString(System.Globalization.CultureInfo.InvariantCulture), piped.Attribute(PipelinePass.EveryAttribute));
        Assert.Equal(PipelinePass.InValid, piped.InputBuses[^1].Name);
        Assert.Equal(PipelinePass.OutValid, piped.OutputBuses[^1].Name);
        Assert.Equal(latency, piped.Latches.ToArray().Count(l => piped.F1(l) == LatchInit.Zero));
        Assert.All(piped.Latches.ToArray(), l => Assert.NotEqual(LatchInit.One, piped.F1(l)));
        StreamCheck(comb, piped, latency, cycles: 40, seed: every);
    }

    [Fact]
    public void Stream_check_notices_a_wrong_latency()
    {
        var comb = Design("dag");
        var piped = Pipeline(comb, 2);
        var latency = int.Parse(piped.Attribute(PipelinePass.LatencyAttribute)!, System.Globalization.CultureInfo.InvariantCulture);
        // An assertion of the check, not any exception (an IndexOutOfRange in the check passed before).
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => StreamCheck(comb, piped, latency + 1, cycles: 30, seed: 1));
    }

    [Fact]
    public void Refuses_a_netlist_that_already_has_latches()
    {
        var piped = Pipeline(Design("chain"), 4);
        var e = Assert.Throws<NetlistException>(() => new PipelinePass(4).Run(piped, new PassContext()));
        Assert.Contains("already has", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PipelinePass(0));
        Assert.Throws<ArgumentException>(() => PipelineParser.Parse("pipeline(every=0)"));
    }

    [Fact]
    public void Snapshot_of_a_small_pipeline() =>
        Snapshot.Match(NetlistDump.ToText(Pipeline(PassTestKit.HandMade(), 2)), "handmade-every2");

    /// <summary>
    /// Drives the pipelined netlist cycle by cycle through the core evaluator, 64 independent streams
    /// at once (one per sample), with random inputs and random gaps in in_valid, and checks that at
    /// cycle t the outputs are the combinational results of the inputs of cycle t−latency and
    /// out_valid is in_valid of that cycle (0 before).
    /// </summary>
    private static void StreamCheck(Netlist comb, Netlist piped, int latency, int cycles, int seed)
    {
        const int Streams = 64;
        var rng = new Random(seed);
        var inputs = new List<PackedBits>();
        var valids = new List<ulong>();
        var latchNext = piped.Latches.ToArray().Select(l => piped.F0(l)).ToArray();
        var outLits = piped.OutputLiterals();
        var state = new PackedBits(piped.LatchCount, Streams);
        for (var i = 0; i < piped.LatchCount; i++)
            if (piped.F1(piped.Latches[i]) == LatchInit.One)
                state.Row(i).Fill(ulong.MaxValue);
        for (var t = 0; t < cycles; t++)
        {
            var x = PackedBits.Random(comb.InputCount, Streams, seed * 1000 + t);
            var valid = (ulong)rng.NextInt64() & (ulong)rng.NextInt64(); // about one in four cycles valid
            inputs.Add(x);
            valids.Add(valid);
            var driven = new PackedBits(piped.InputCount, Streams);
            x.Data.CopyTo(driven.Data, 0);
            driven.Row(piped.InputCount - 1)[0] = valid;
            var nodes = CombEvaluator.EvaluateNodes(piped, driven, state);
            var outs = CombEvaluator.Literals(nodes, outLits);
            var outValid = outs.Row(outs.Signals - 1)[0];
            Assert.Equal(t >= latency ? valids[t - latency] : 0UL, outValid);
            if (t >= latency)
            {
                var expected = CombEvaluator.Evaluate(comb, inputs[t - latency]);
                for (var o = 0; o < expected.Signals; o++)
                    Assert.True(expected.Row(o)[0] == outs.Row(o)[0], $"cycle {t}: output bit {o} is not the result of cycle {t - latency}");
            }
            state = CombEvaluator.Literals(nodes, latchNext);
        }
    }
}
