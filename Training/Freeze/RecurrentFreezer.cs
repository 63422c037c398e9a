using System.Globalization;
using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Training.Freeze;

/// <summary>
/// Turns a trained recurrent model into a sequential netlist (SPEC §8). Inputs <c>x</c> (F bits),
/// <c>in_last</c>, <c>in_valid</c>; outputs <c>scores</c>, <c>class_id</c>, <c>out_valid</c>.
/// <list type="bullet">
/// <item>The step network's gates once, over [x, e] where e = h AND NOT done is the state seen by
/// this step: the <c>hidden</c> latches h (reset 0) read as 0 in the cycle after a sequence's last
/// step, so a new sequence may start right then (back to back) from h_0 = 0.</item>
/// <item>On a cycle with in_valid the latches load the step network's outputs, otherwise e
/// (hold, or clear after a sequence). A <c>done</c> latch (reset 0) loads in_valid AND in_last.</item>
/// <item>The readout and GroupSum head read h: in the cycle after the last step h = h_T, and
/// out_valid = done. So LATENCY = 1 (attribute <c>sequence.latency</c>), and the longest path is the
/// step network or the readout plus head, not both.</item>
/// </list>
/// Before returning it runs the given sequences and seeded random ones (lengths 1–32) back to back
/// through its own latch-aware evaluator and refuses a netlist that differs from the model in
/// discrete mode. The check lives here, with <see cref="NetlistCheck"/>, because Training cannot see Sim.
/// </summary>
public static class RecurrentFreezer
{
    public const int Latency = 1;
    private const int CheckStreams = 256;

    /// <summary>Freezes <paramref name="model"/>, checked on <paramref name="check"/> (e.g. the test set) when given.</summary>
    public static Netlist Freeze(TrainedRecurrentModel model, SequenceSet? check = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var netlist = Build(model);
        Check(model.Network, netlist, BitSequences.Random(model.StepBits, 512, 1, 32, seed: 0x6A7E), "random sequences");
        if (check is not null && check.Count > 0)
            Check(model.Network, netlist, check.Inputs, "check sequences");
        return netlist;
    }

    /// <summary>The netlist without the self-check.</summary>
    public static Netlist Build(TrainedRecurrentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.Network;
        var b = new NetlistBuilder(2 * network.GateCount + 4 * network.Hidden + 1024);
        var x = b.AddInputBus(Names.Buses.Input, network.StepBits);
        var inLast = b.AddInputBus(Names.Buses.InLast, 1)[0];
        var inValid = b.AddInputBus(Names.Buses.InValid, 1)[0];
        var state = new int[network.Hidden];
        for (var j = 0; j < state.Length; j++)
            state[j] = b.AddLatch(LatchInit.Zero);
        var done = b.AddLatch(LatchInit.Zero);
        var seen = state.Select(h => b.And(h, Lit.Not(done))).ToArray();
        var next = Freezer.Layers(b, [.. x, .. seen], network.Step.Layers);
        for (var j = 0; j < state.Length; j++)
            b.SetLatchNext(state[j], b.Mux(inValid, next[j], seen[j]));
        b.SetLatchNext(done, b.And(inValid, inLast));
        HeadBuilder.AddGroupSumHead(b, Freezer.Layers(b, state, network.Readout.Layers), network.Classes);
        b.AddOutputBus(Names.Buses.OutValid, [done]);
        foreach (var (key, value) in Attributes(model))
            b.SetAttribute(key, value);
        return b.Build();
    }

    private static IEnumerable<(string Key, string Value)> Attributes(TrainedRecurrentModel model)
    {
        static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
        var r = model.Recurrent;
        yield return ("model.family", "recurrent");
        yield return ("model.parametrization", model.Config.Parametrization);
        yield return ("model.step", Text(model.Step));
        yield return ("recurrent.hidden", Text(r.Hidden));
        yield return ("recurrent.step_layers", string.Join(',', r.StepWidths().Select(Text)));
        yield return ("recurrent.readout", string.Join(',', r.Readout.Select(Text)));
        yield return (Names.Attributes.SequenceLatency, Text(Latency));
        yield return ("encoder.bits", Text(model.StepBits));
        if (model.Encoder is not null)
        {
            yield return ("encoder.features", Text(model.Encoder.FeatureCount));
            yield return ("encoder.json", model.Encoder.ToJson());
        }
    }

    /// <summary>
    /// Runs <paramref name="sequences"/> through <paramref name="netlist"/> with the latch-aware
    /// evaluator and throws <see cref="TrainingException"/> at the first sequence whose outputs at
    /// out_valid differ from <paramref name="network"/>'s, or when an out_valid pulse is missing or extra.
    /// </summary>
    public static void Check(DiscreteRecurrentNetwork network, Netlist netlist, BitSequences sequences, string what)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(sequences);
        var streams = Math.Min(CheckStreams, sequences.Count);
        var run = SequenceDriver.Run(netlist, sequences, NetlistCheck.Stepper(netlist, streams), streams);
        if (!run.Complete)
            throw new TrainingException($"freeze: on {what} the netlist gave {run.Missing} result(s) too few and {run.Extra} out_valid pulse(s) too many; no netlist written");
        var expected = network.PredictPacked(sequences);
        for (var i = 0; i < sequences.Count; i++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, i) != run.Results.Get(row, i))
                    throw new TrainingException(
                        $"freeze: the netlist differs from the model's discrete outputs on {what}, sequence {i} (length {sequences.Lengths[i]}), output bit {row}; no netlist written");
    }
}
