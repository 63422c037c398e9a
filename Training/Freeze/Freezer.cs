using System.Globalization;
using GateForge.Ir;
using GateForge.Training.Checkpoints;
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
    /// <summary>
    /// Freezes a checkpoint's best model, checked on <paramref name="check"/> when given, else on the
    /// test set of the data set the checkpoint records (<see cref="Checkpoint.RecordedTestSet"/>).
    /// </summary>
    public static Netlist Freeze(string checkpointDir, Dataset? check = null)
    {
        var checkpoint = Checkpoint.Load(checkpointDir);
        var model = TrainedModel.FromCheckpoint(checkpoint);
        check ??= checkpoint.RecordedTestSet($"checkpoint '{checkpointDir}'");
        return check is null ? Freeze(model) : Freeze(model, model.Encode(check), check.Count);
    }

    /// <summary>
    /// Freezes <paramref name="model"/>. The netlist is checked against discrete evaluation on
    /// <paramref name="checkSamples"/> rows of <paramref name="checkBits"/>, plus 256 seeded random input vectors.
    /// </summary>
    public static Netlist Freeze(TrainedModel model, byte[]? checkBits = null, int checkSamples = 0, HeadOptions? head = null)
    {
        var netlist = Build(model, head);
        var random = PackedBits.Random(model.InputBits, 256, seed: 0x6A7E);
        Check(model, netlist, random, "random vectors");
        if (checkBits is not null && checkSamples > 0)
            Check(model, netlist, DiscreteNetwork.Pack(checkBits, checkSamples, model.InputBits), "check samples");
        return netlist;
    }

    /// <summary>The netlist without the self-check (the check is what <see cref="Freeze(TrainedModel, byte[], int)"/> adds).</summary>
    public static Netlist Build(TrainedModel model, HeadOptions? head = null)
    {
        var network = model.Network;
        var b = new NetlistBuilder(network.GateCount * 2 + network.InputBits + 1024);
        var current = b.AddInputBus(Names.Buses.Input, network.InputBits);
        for (var l = 0; l < network.Layers.Count; l++)
        {
            DesignParts.Begin(b, "layer" + (l + 1).ToString(CultureInfo.InvariantCulture));
            current = Layer(b, network.Layers[l], current);
        }
        if (head?.Outputs == HeadOutputs.ClassId)
            HeadBuilder.AddClassIdHead(b, current, network.Classes, head);
        else
            HeadBuilder.AddGroupSumHead(b, current, network.Classes, head);
        foreach (var (key, value) in Attributes(model))
            b.SetAttribute(key, value);
        return b.Build();
    }

    /// <summary>The gates of <paramref name="layers"/> over <paramref name="current"/> (the literals of the first layer's inputs); the last layer's output literals.</summary>
    internal static int[] Layers(NetlistBuilder b, int[] current, IReadOnlyList<IDiscreteLayer> layers)
    {
        foreach (var layer in layers)
            current = Layer(b, layer, current);
        return current;
    }

    /// <summary>The gates of one layer over <paramref name="inputs"/>; its output literals.</summary>
    private static int[] Layer(NetlistBuilder b, IDiscreteLayer layer, int[] inputs) => layer switch
    {
        DiscreteLayer dense => Dense(b, dense, inputs),
        DiscreteConvLayer conv => Conv(b, conv, inputs),
        DiscreteOrPool pool => OrPool(b, pool, inputs),
        _ => throw new ArgumentException($"cannot freeze a {layer.Kind} layer", nameof(layer)),
    };

    private static int[] Dense(NetlistBuilder b, DiscreteLayer layer, int[] inputs)
    {
        var next = new int[layer.Neurons];
        for (var i = 0; i < layer.Neurons; i++)
            next[i] = b.Gate(layer.GateIds[i], inputs[layer.A[i]], inputs[layer.B[i]]);
        return next;
    }

    // Every position gets its own copy of each tree; leaves on padding are constant 0, so the
    // builder folds the gates above them, and identical sub-trees (same leaves, same gates) hash to one.
    private static int[] Conv(NetlistBuilder b, DiscreteConvLayer layer, int[] inputs)
    {
        var g = layer.Geometry;
        var next = new int[g.Out.Bits];
        var lits = new int[g.Leaves];
        for (var co = 0; co < g.Out.Channels; co++)
            for (var oy = 0; oy < g.Out.Height; oy++)
                for (var ox = 0; ox < g.Out.Width; ox++)
                {
                    for (var j = 0; j < g.Leaves; j++)
                    {
                        var bit = g.InputBit(layer.Leaves[co * g.Leaves + j], oy, ox);
                        lits[j] = bit < 0 ? Lit.False : inputs[bit];
                    }
                    var gate = co * g.TreeGates;
                    for (var width = g.Leaves; width > 1; width /= 2)
                        for (var i = 0; i < width / 2; i++)
                            lits[i] = b.Gate(layer.GateIds[gate++], lits[i], lits[i + width / 2]);
                    next[g.Out.Index(co, oy, ox, pixelMajor: false)] = lits[0];
                }
        return next;
    }

    // OR gates (the builder's ¬AND(¬a, ¬b)) over each window; padding bits are 0 and drop out.
    private static int[] OrPool(NetlistBuilder b, DiscreteOrPool layer, int[] inputs)
    {
        var g = layer.Geometry;
        var next = new int[g.Out.Bits];
        for (var c = 0; c < g.Out.Channels; c++)
            for (var oy = 0; oy < g.Out.Height; oy++)
                for (var ox = 0; ox < g.Out.Width; ox++)
                {
                    var lit = Lit.False;
                    foreach (var bit in layer.Window(c, oy, ox))
                        lit = b.Or(lit, inputs[bit]);
                    next[g.Out.Index(c, oy, ox, pixelMajor: false)] = lit;
                }
        return next;
    }

    private static IEnumerable<(string Key, string Value)> Attributes(TrainedModel model)
    {
        static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
        var c = model.Config;
        yield return ("model.parametrization", c.Parametrization);
        if (c.Architecture is null)
        {
            yield return ("model.layers", Text(c.Layers));
            yield return ("model.neurons", Text(c.Neurons));
        }
        else
        {
            yield return ("model.architecture", c.DescribeLayers());
        }
        yield return ("model.step", Text(model.Step));
        yield return ("encoder.bits", Text(model.InputBits));
        if (model.Encoder is not null)
        {
            yield return ("encoder.features", Text(model.Encoder.FeatureCount));
            yield return ("encoder.json", model.Encoder.ToJson());
        }
    }

    /// <summary>The class_id rows of the model's {scores, class_id} outputs: what a class_id-only design is checked on.</summary>
    private static PackedBits ClassIdRows(DiscreteNetwork network, PackedBits outputs)
    {
        var first = network.Classes * network.ScoreBits;
        var rows = new PackedBits(network.ClassBits, outputs.Samples);
        outputs.Data.AsSpan(first * outputs.Words, rows.Data.Length).CopyTo(rows.Data);
        return rows;
    }

    private static void Check(TrainedModel model, Netlist netlist, PackedBits inputs, string what)
    {
        var expected = model.PredictPacked(inputs);
        if (netlist.Attribute(HeadBuilder.OutputsAttribute) == HeadBuilder.ClassIdOnly)
            expected = ClassIdRows(model.Network, expected);
        var actual = NetlistCheck.Evaluate(netlist, inputs);
        if (expected.RowsEqual(actual))
            return;
        for (var s = 0; s < inputs.Samples; s++)
            for (var row = 0; row < expected.Signals; row++)
                if (expected.Get(row, s) != actual.Get(row, s))
                    throw new TrainingException(
                        $"freeze: the netlist differs from the model's discrete outputs on {what}, sample {s}, output bit {row}{(expected.Signals == model.Network.ClassBits ? " of class_id (a class_id-only design is compared on class_id alone)" : "")}; no netlist written");
        throw new TrainingException($"freeze: the netlist differs from the model's discrete outputs on {what}");
    }
}
