using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>One layer of a <see cref="DlgnModel"/> on batch × bits float tensors.</summary>
internal interface ISoftLayer : IDisposable
{
    /// <summary>The trained parameters (gates × logits per gate); null for a layer without any (orpool).</summary>
    Tensor? Logits { get; }
    /// <summary>Soft forward pass; with noise the forward value is the hard Gumbel sample (straight-through).</summary>
    Tensor Forward(Tensor x, UniformNoise? noise, float gumbelTau, float gradFactor);
    LayerWeights Weights();
}

/// <summary>
/// A conv layer of logic trees (SPEC §7). The gather indices (output channel × position × leaf →
/// input bit, or a zero column for padding) are built once, im2col style; each tree level is then
/// one batched relaxation over all channels and positions, with one coefficient set per tree gate
/// broadcast over the positions, so autograd sums each gate's gradient over the positions (weight
/// sharing) and no batch × gates × 16 tensor is made. On the CPU the trees run fused instead
/// (<see cref="TreeConvKernel"/>: no leaves × positions × batch tensor at all); the tensor-op form
/// serves the other devices and is what the kernel is tested against.
/// </summary>
internal sealed class TreeConvLayer : ISoftLayer
{
    private readonly ImageGeometry _g;
    private readonly int[] _leaves;
    private readonly Tensor _index; // Co·P·L input bits; In.Bits is the zero column
    private readonly bool _readsPadding;
    private readonly GateRelaxation _relaxation;
    private readonly TreeConvKernel? _kernel; // the CPU's fused trees; null on other devices

    /// <param name="fused">Whether to run the trees through <see cref="TreeConvKernel"/> (only on the CPU; the default there).</param>
    public TreeConvLayer(ImageGeometry geometry, int[] leaves, float[] logits, string parametrization, Device device, bool fused = true)
    {
        _g = geometry;
        _leaves = leaves;
        _relaxation = new GateRelaxation(parametrization, device);
        var l = geometry.Leaves;
        var channels = geometry.Out.Channels;
        var positions = geometry.Positions;
        var index = new long[(long)channels * positions * l];
        var k = 0;
        for (var co = 0; co < channels; co++)
            for (var oy = 0; oy < geometry.Out.Height; oy++)
                for (var ox = 0; ox < geometry.Out.Width; ox++)
                    for (var j = 0; j < l; j++)
                    {
                        var bit = geometry.InputBit(leaves[co * l + j], oy, ox);
                        _readsPadding |= bit < 0;
                        index[k++] = bit < 0 ? geometry.In.Bits : bit;
                    }
        _index = tensor(index, ScalarType.Int64, device);
        if (fused && device.type == DeviceType.CPU)
            _kernel = new TreeConvKernel(Array.ConvertAll(index, i => (int)i), channels, positions, l);
        Logits = tensor(logits, [channels * geometry.TreeGates, _relaxation.LogitsPerGate], ScalarType.Float32, device).requires_grad_(true);
    }

    public Tensor? Logits { get; }

    public Tensor Forward(Tensor x, UniformNoise? noise, float gumbelTau, float gradFactor)
    {
        if (gradFactor != 1f)
            x = x.detach().Plus((x - x.detach()).Times(gradFactor));
        var batch = x.shape[0];
        // bits × batch, so that each gathered leaf is one contiguous row of the batch: index_select
        // of rows (and index_add of rows backwards) instead of a gather over an expanded index
        var xt = x.t();
        if (_readsPadding)
            xt = nn.functional.pad(xt, [0, 0, 0, 1]); // the zero row at In.Bits
        var channels = _g.Out.Channels;
        var positions = _g.Positions;
        var coefficients = _relaxation.Coefficients(Logits!, noise, gumbelTau);
        if (_kernel is not null)
            return FusedLogicFunction.Apply(xt.contiguous(), coefficients, _kernel).t(); // batch × bits, channel-major
        var width = _g.Leaves;
        var h = xt.contiguous().index_select(0, _index).view(channels, positions, width, batch);
        var c = coefficients.view(channels, 1, _g.TreeGates, 4, 1);
        var offset = 0;
        while (width > 1)
        {
            // gate i of a level reads slots i and i + width/2: two contiguous halves, not a stride-2 view
            var gates = width / 2;
            var a = h.narrow(2, 0, gates);
            var b = h.narrow(2, gates, gates);
            var level = c.narrow(2, offset, gates); // channels × 1 × gates × 4 × 1, broadcast over positions and batch
            // c0 + c1·a + c2·b + c3·ab = c0 + a·(c1 + c3·b) + c2·b (addcmul with broadcast coefficients
            // measured 1.4× slower per step here)
            h = level.select(3, 0).Plus(a * level.select(3, 1).Plus(level.select(3, 3) * b)).Plus(level.select(3, 2) * b);
            offset += gates;
            width = gates;
        }
        return h.view(channels * positions, batch).t(); // batch × bits, channel-major
    }

    public LayerWeights Weights()
    {
        using var cpu = Logits!.detach().cpu();
        return LayerWeights.Conv(_g, _leaves, _relaxation.LogitsPerGate, cpu.data<float>().ToArray());
    }

    public void Dispose()
    {
        _index.Dispose();
        _relaxation.Dispose();
        Logits!.Dispose();
    }
}

/// <summary>
/// OR pooling relaxed as max over each window (zero padding), channel-major output. On the CPU it runs
/// on bits × batch (<see cref="OrPoolKernel"/>), the layout of the fused layers around it; max_pool2d
/// over the image serves the other devices and is what the kernel is tested against.
/// </summary>
internal sealed class OrPoolLayer : ISoftLayer
{
    private readonly ImageGeometry _g;
    private readonly OrPoolKernel? _kernel; // null off the CPU

    /// <param name="fused">Whether to pool through <see cref="OrPoolKernel"/> (only on the CPU; the default there).</param>
    public OrPoolLayer(ImageGeometry geometry, Device device, bool fused = true)
    {
        _g = geometry;
        if (fused && device.type == DeviceType.CPU)
            _kernel = new OrPoolKernel(geometry);
    }

    public Tensor? Logits => null;

    public Tensor Forward(Tensor x, UniformNoise? noise, float gumbelTau, float gradFactor)
    {
        if (_kernel is not null)
            return OrPoolFunction.Apply(x.t().contiguous(), _kernel).t();
        var i = _g.In;
        var batch = x.shape[0];
        var image = _g.PixelMajorInput
            ? x.view(batch, i.Height, i.Width, i.Channels).permute(0, 3, 1, 2)
            : x.view(batch, i.Channels, i.Height, i.Width);
        var p = _g.Padding;
        if (p > 0)
            image = nn.functional.pad(image, [p, p, p, p]); // zeros, not max_pool2d's −∞ padding
        var k = _g.Window;
        var s = _g.Stride;
        return nn.functional.max_pool2d(image, [k, k], [s, s]).reshape(batch, -1);
    }

    public LayerWeights Weights() => LayerWeights.OrPool(_g);

    public void Dispose()
    {
    }
}
