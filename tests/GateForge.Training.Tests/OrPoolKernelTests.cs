using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>The CPU's OR pooling on bits × batch (OrPoolKernel) against max_pool2d over the zero-padded image.</summary>
[Collection(TorchCollection.Name)]
public sealed class OrPoolKernelTests
{
    [Theory]
    [InlineData(2, 2, 0, false, true)]  // the usual 2×2 pool, on 0/1 inputs: ties everywhere, the first in the window wins
    [InlineData(3, 1, 1, false, true)]  // overlapping windows over zero padding: an input's gradient sums several outputs
    [InlineData(3, 2, 1, true, false)]  // pixel-major input (the encoder's layout), real values
    [InlineData(2, 2, 1, false, false)] // padding on one side only of some windows
    public void Fused_pooling_equals_max_pool_forward_and_backward(int window, int stride, int padding, bool pixelMajor, bool binary)
    {
        var input = new BitImage(3, 7, 6);
        var output = new BitImage(3, (7 + 2 * padding - window) / stride + 1, (6 + 2 * padding - window) / stride + 1);
        var g = new ImageGeometry(LayerKind.OrPool, input, output, window, stride, padding, 0, pixelMajor);
        var rng = new Random(window * 10 + stride + padding);
        const int batch = 37;
        var x = Enumerable.Range(0, batch * input.Bits).Select(_ => binary ? rng.Next(2) : (float)rng.NextDouble()).ToArray();
        var weight = Enumerable.Range(0, batch * output.Bits).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        foreach (var threads in new[] { 1, 2 })
        {
            var (fused, reference) = TorchThreads.With(threads, () => (
                Run(g, x, weight, batch, fusedKernel: true),
                Run(g, x, weight, batch, fusedKernel: false)));
            Assert.Equal(reference.Output, fused.Output);
            FloatAssert.Close(reference.InputGrad, fused.InputGrad, 1e-6f); // each gradient lands on the same input
            Assert.Contains(fused.InputGrad, v => v != 0);
        }
    }

    private static (float[] Output, float[] InputGrad) Run(ImageGeometry g, float[] x, float[] weight, int batch, bool fusedKernel)
    {
        using var scope = NewDisposeScope();
        using var layer = new OrPoolLayer(g, CPU, fusedKernel);
        var input = tensor(x, [batch, g.In.Bits]).requires_grad_(true);
        var output = layer.Forward(input, null, 1f, 1f);
        Assert.Equal([(long)batch, g.Out.Bits], output.shape);
        (output * tensor(weight, [batch, g.Out.Bits])).sum().backward();
        return (output.detach().contiguous().data<float>().ToArray(), input.grad!.data<float>().ToArray());
    }
}
