using System.Globalization;
using GateForge.Ir;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Training.Freeze;

/// <summary>
/// Turns a trained model into a gate-level netlist (SPEC §2, §3): input bus <c>x</c> (the encoded
/// bits), one <see cref="NetlistBuilder.Gate"/> per neuron with its argmax gate (or iwp truth table),
/// then the GroupSum head (<c>scores</c>, <c>class_id</c>). Before returning it simulates the netlist
/// on the check samples and refuses (<see cref="TrainingException"/>) a netlist whose outputs differ
/// from the model's discrete-mode outputs.
/// </summary>
public static class Freezer
{
    /// <summary>Freezes a checkpoint's best model, checked on <paramref name="check"/> (e.g. the test set) when given.</summary>
    public static Netlist Freeze(string checkpointDir, Dataset? check = null)
    {
        var model = TrainedModel.Load(checkpointDir);
        return check is null ? Freeze(model) : Freeze(model, model.Encode(check), check.Count);
    }

    /// <summary>
    /// Freezes <paramref name="model"/>. The netlist is checked against discrete evaluation on
    /// <paramref name="checkSamples"/> rows of <paramref name="checkBits"/>, plus 256 seeded random input vectors.
    /// </summary>
    public static Netlist Freeze(TrainedModel model, byte[]? checkBits = null, int checkSamples = 0)
    {
        var netlist = Build(model);
        var random = PackedBits.Random(model.InputBits, 256, seed: 0x6A7E);
        Check(model, netlist, random, "random vectors");
        if (checkBits is not null && checkSamples > 0)
            Check(model, netlist, DiscreteNetwork.Pack(checkBits, checkSamples, model.InputBits), "check samples");
        return netlist;
    }

    /// <summary>The netlist without the self-check (the check is what <see cref="Freeze(TrainedModel, byte[], int)"/> adds).</summary>
    public static Netlist Build(TrainedModel model)
    {
        var network = model.Network;
        var b = new NetlistBuilder(network.GateCount * 2 + network.InputBits + 1024);
        var current = b.AddInputBus(Names.Buses.Input, network.InputBits);
        foreach (var layer in network.Layers)
        {
            var next = new int[layer.Neurons];
            for (var i = 0; i < layer.Neurons; i++)
                next[i] = b.Gate(layer.GateIds[i], current[layer.A[i]], current[layer.B[i]]);
            current = next;
        }
        HeadBuilder.AddGroupSumHead(b, current, network.Classes);
        foreach (var (key, value) in Attributes(model))
            b.SetAttribute(key, value);
        return b.Build();
    }

    private static IEnumerable<(string Key, string Value)> Attributes(TrainedModel model)
    {
        static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
        var c = model.Config;
        yield return ("model.parametrization", c.Parametrization);
        yield return ("model.layers", Text(c.Layers));
        yield return ("model.neurons", Text(c.Neurons));
        yield return ("model.step", Text(model.Step));
        yield return ("encoder.bits", Text(model.InputBits));
        if (model.Encoder is not null)
        {
            yield return ("encoder.features", Text(model.Encoder.FeatureCount));
            yield return ("encoder.json", model.Encoder.ToJson());
        }
    }

    private static void Check(TrainedModel model, Netlist netlist, PackedBits inputs, string what)
    {
        var expected = model.PredictPacked(inputs);
        var actual = NetlistCheck.Evaluate(netlist, inputs);
        if (expected.RowsEqual(actual))
            return;
        for (var s = 0; s < inputs.Samples; s++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, s) != actual.Get(row, s))
                    throw new TrainingException(
                        $"freeze: the netlist differs from the model's discrete outputs on {what}, sample {s}, output bit {row}; no netlist written");
        throw new TrainingException($"freeze: the netlist differs from the model's discrete outputs on {what}");
    }
}
