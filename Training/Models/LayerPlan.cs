using System.Globalization;

namespace GateForge.Training.Models;

/// <summary>One layer of a model with its widths and, for conv and orpool, its geometry.</summary>
public sealed record PlannedLayer(LayerSpec Spec, int Inputs, int Outputs, ImageGeometry? Geometry);

/// <summary>
/// The shapes of a config's layers for a given input: what a new model is built from and what a
/// checkpoint's weights are checked against. Every error is one line naming the layer.
/// </summary>
public static class LayerPlan
{
    /// <summary>
    /// The layers of <paramref name="config"/> over <paramref name="inputBits"/> input bits, which form
    /// <paramref name="image"/> when the data are images (null otherwise).
    /// </summary>
    public static IReadOnlyList<PlannedLayer> Resolve(ModelConfig config, int inputBits, BitImage? image)
    {
        if (image is { } given && given.Bits != inputBits)
            throw new ArgumentException($"image {given} is not {inputBits} bits", nameof(image));
        var plan = new List<PlannedLayer>();
        var width = inputBits;
        var shape = image;
        var pixelMajor = true;
        var specs = config.LayerSpecs();
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            var where = $"architecture layer {i + 1} ({LayerSpec.Name(spec.Kind)})";
            if (spec.Kind == LayerKind.Dense)
            {
                plan.Add(new PlannedLayer(spec, width, spec.Neurons!.Value, null));
                width = spec.Neurons.Value;
                shape = null;
                continue;
            }
            if (shape is not { } input)
                throw new TrainingException(i == 0
                    ? $"{where} needs image data (pixels with their thermometer bits as channels); the input is {Text(inputBits)} plain bits"
                    : $"{where} needs image-shaped bits, but it follows a dense layer");
            var k = spec.Window;
            var s = spec.StrideOrDefault;
            var p = spec.PaddingOrDefault;
            if (k > input.Height + 2 * p || k > input.Width + 2 * p)
                throw new TrainingException($"{where}: {(spec.Kind == LayerKind.Conv ? "kernel" : "size")} {Text(k)} is larger than its {input.Height}x{input.Width} input (padding {Text(p)})");
            var outH = (input.Height + 2 * p - k) / s + 1;
            var outW = (input.Width + 2 * p - k) / s + 1;
            ImageGeometry geometry;
            if (spec.Kind == LayerKind.Conv)
            {
                var depth = spec.Depth!.Value;
                if (spec.LeafChannels > input.Channels)
                    throw new TrainingException($"{where}: leafChannels {Text(spec.LeafChannels.Value)} is more than the {Text(input.Channels)} input channels");
                var channels = spec.LeafChannels ?? input.Channels;
                var field = k * k * channels;
                if ((1 << depth) > field)
                    throw new TrainingException(
                        $"{where}: depth {Text(depth)} needs {Text(1 << depth)} distinct leaves, the receptive field{(spec.LeafChannels is null ? "" : " a tree reads")} has {Text(k)}x{Text(k)}x{Text(channels)} = {Text(field)} bits");
                geometry = new ImageGeometry(LayerKind.Conv, input, new BitImage(spec.Channels!.Value, outH, outW), k, s, p, depth, pixelMajor);
            }
            else
            {
                geometry = new ImageGeometry(LayerKind.OrPool, input, new BitImage(input.Channels, outH, outW), k, s, p, 0, pixelMajor);
            }
            plan.Add(new PlannedLayer(spec, width, geometry.Out.Bits, geometry));
            width = geometry.Out.Bits;
            shape = geometry.Out;
            pixelMajor = false;
        }
        if (width % config.Classes != 0)
            throw new TrainingException(
                $"the last layer's {Text(width)} outputs{(shape is { } o ? $" ({o})" : "")} must be a multiple of classes ({Text(config.Classes)}) for the GroupSum head");
        return plan;
    }

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
