using System.Globalization;
using GateForge.Ir;
using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Sim.Tests;

public sealed class CycleSimulatorTests
{
    public static TheoryData<int, int> Depths => new() { { 1, 1 }, { 2, 64 }, { 3, 100 }, { 5, 7 } };

    [Theory]
    [MemberData(nameof(Depths))]
    public void Streaming_equals_combinational_results_after_exactly_latency_cycles(int every, int streams)
    {
        var (comb, piped, latency) = HandPipelines.Build(20, [60, 50, 40, 40, 30, 30], every, seed: every, headClasses: 5);
        Assert.True(latency > 0);
        var vectors = PackedBits.Random(comb.InputCount, 777, 11);
        var result = CycleSimulator.Stream(piped, vectors, streams);
        Assert.Equal(latency, result.Latency);
        Assert.Equal(1.0, result.Throughput);
        Assert.Equal(-1, PackedBitsOps.FirstDifference(CombEvaluator.Evaluate(comb, vectors), result.Outputs));
        Assert.Equal((777 + result.Streams - 1) / result.Streams + latency, result.Cycles);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void PipelinePass_netlists_stream_with_their_recorded_latency(int every)
    {
        var comb = RandomNetlists.Layered(16, [40, 30, 30], seed: every, headClasses: 3);
        var piped = new PipelinePass(every).Run(comb, new PassContext()).Netlist;
        var latency = int.Parse(piped.Attribute(PipelinePass.LatencyAttribute)!, CultureInfo.InvariantCulture);
        Assert.True(latency > 0);
        var vectors = PackedBits.Random(comb.InputCount, 500, 3);
        var result = CycleSimulator.Stream(piped, vectors, 64);
        Assert.Equal(latency, result.Latency);
        Assert.Equal(-1, PackedBitsOps.FirstDifference(CombEvaluator.Evaluate(comb, vectors), result.Outputs));
    }

    [Fact]
    public void A_combinational_netlist_streams_with_latency_zero()
    {
        var (comb, _, _) = HandPipelines.Build(10, [30, 20], 1, seed: 3);
        var vectors = PackedBits.Random(comb.InputCount, 300, 2);
        var result = CycleSimulator.Stream(comb, vectors, 64);
        Assert.Equal(0, result.Latency);
        Assert.Equal(-1, PackedBitsOps.FirstDifference(CombEvaluator.Evaluate(comb, vectors), result.Outputs));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gaps_in_in_valid_and_a_reset_mid_stream_follow_the_valid_chain(int every)
    {
        const int Streams = 70;
        var (comb, piped, latency) = HandPipelines.Build(16, [50, 40, 40, 30, 20], every, seed: 7 + every, headClasses: 4);
        var layout = StreamLayout.Of(piped);
        var sim = new CycleSimulator(piped, Streams);
        var rng = new Random(every);
        var history = new List<(PackedBits Inputs, bool Reset)>();
        const int ResetCycle = 17;
        var checkedResults = 0;
        for (var cycle = 0; cycle < 40; cycle++)
        {
            var inputs = PackedBits.Random(piped.InputCount, Streams, 100 + cycle);
            for (var s = 0; s < Streams; s++)
                inputs.Set(layout.InValid, s, rng.Next(3) != 0); // gaps: one cycle in three idle
            var reset = cycle == ResetCycle;
            var outputs = sim.Step(inputs, reset);
            history.Add((inputs, reset));
            if (cycle < latency)
                continue;
            var source = history[cycle - latency];
            var flushed = history.Skip(cycle - latency).Take(latency).Any(h => h.Reset);
            var expected = CombEvaluator.Evaluate(comb, PackedBitsOps.Rows(source.Inputs, 0, layout.DataInputs));
            for (var s = 0; s < Streams; s++)
            {
                var wantValid = source.Inputs.Get(layout.InValid, s) && !flushed;
                Assert.True(wantValid == outputs.Get(layout.OutValid, s), $"cycle {cycle}, stream {s}: out_valid");
                if (!wantValid)
                    continue;
                for (var o = 0; o < layout.DataOutputs; o++)
                    Assert.True(expected.Get(o, s) == outputs.Get(o, s), $"cycle {cycle}, stream {s}, output {o}");
                checkedResults++;
            }
        }
        Assert.True(checkedResults > 1000);
    }

    [Fact]
    public void Latches_reset_to_their_value_and_data_registers_load_through_reset()
    {
        var b = new NetlistBuilder();
        var d = b.AddInputBus("d", 1)[0];
        var zero = b.AddLatch(LatchInit.Zero);
        var one = b.AddLatch(LatchInit.One);
        var data = b.AddLatch(LatchInit.None);
        b.SetLatchNext(zero, d);
        b.SetLatchNext(one, d);
        b.SetLatchNext(data, d);
        b.AddOutputBus("q", [zero, one, data]);
        var sim = new CycleSimulator(b.Build(), 2);
        var high = new PackedBits(1, 2);
        high.Set(0, 0, true);
        high.Set(0, 1, true);
        var start = sim.Step(high);
        Assert.Equal(0b010UL, start.ReadUInt(0, 3, 1)); // power-on: reset values, data 0
        Assert.Equal(0b111UL, sim.Step(new PackedBits(1, 2), reset: true).ReadUInt(0, 3, 0));
        Assert.Equal(0b010UL, sim.Step(high).ReadUInt(0, 3, 0)); // after reset: 0, 1, and the data register loaded 0
        Assert.Equal(0b111UL, sim.Step(high).ReadUInt(0, 3, 1));
        Assert.Equal(4, sim.Cycle);
    }
}
