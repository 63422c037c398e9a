using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>The CPU's fused conv trees (TreeConvKernel) against the tensor-op form that the other devices run.</summary>
[Collection(TorchCollection.Name)]
public sealed class TreeConvKernelTests
{
    [Theory]
    [InlineData(ModelConfig.Softmax16, 3, 1, 0, 1)] // no padding: no zero row
    [InlineData(ModelConfig.Iwp, 3, 2, 1, 1)]       // stride 2, padding 1: leaves on the zero row
    [InlineData(ModelConfig.Iwp, 2, 1, 1, 2)]       // depth 2, two threads
    [InlineData(ModelConfig.Softmax16, 4, 1, 1, 2)] // depth 4: 16 leaves from a 3×3×3 field, two threads
    public void Fused_trees_equal_the_tensor_ops_forward_and_backward(string parametrization, int depth, int stride, int padding, int threads)
    {
        var g = new ImageGeometry(LayerKind.Conv, new BitImage(3, 7, 6), ConvOut(3, 7, 6, 5, 3, stride, padding), 3, stride, padding, depth, PixelMajorInput: false);
        var rng = new Random(depth * 10 + stride + padding);
        var leaves = Enumerable.Range(0, g.Out.Channels).SelectMany(_ => Enumerable.Range(0, g.Field).OrderBy(_ => rng.Next()).Take(g.Leaves)).ToArray();
        var perGate = parametrization == ModelConfig.Iwp ? 4 : 16;
        var logits = Enumerable.Range(0, g.Out.Channels * g.TreeGates * perGate).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        const int batch = 37; // not a multiple of the vector width: the scalar tails run too
        var x = Enumerable.Range(0, batch * g.In.Bits).Select(_ => (float)rng.NextDouble()).ToArray();
        var weight = Enumerable.Range(0, batch * g.Out.Bits).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

        var (fused, reference) = TorchThreads.With(threads, () => (
            Run(g, leaves, logits, parametrization, x, weight, batch, fusedKernel: true),
            Run(g, leaves, logits, parametrization, x, weight, batch, fusedKernel: false)));
        LayerPass.AssertFusedMatches(reference, fused);
    }

    [Fact]
    public void The_gradients_do_not_depend_on_the_thread_count()
    {
        var g = new ImageGeometry(LayerKind.Conv, new BitImage(2, 8, 8), ConvOut(2, 8, 8, 12, 3, 1, 1), 3, 1, 1, 3, PixelMajorInput: false);
        var rng = new Random(4);
        var leaves = Enumerable.Range(0, g.Out.Channels).SelectMany(_ => Enumerable.Range(0, g.Field).OrderBy(_ => rng.Next()).Take(g.Leaves)).ToArray();
        var logits = Enumerable.Range(0, g.Out.Channels * g.TreeGates * 4).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        const int batch = 50;
        var x = Enumerable.Range(0, batch * g.In.Bits).Select(_ => (float)rng.NextDouble()).ToArray();
        var weight = Enumerable.Range(0, batch * g.Out.Bits).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        var one = TorchThreads.With(1, () => Run(g, leaves, logits, ModelConfig.Iwp, x, weight, batch, fusedKernel: true));
        var two = TorchThreads.With(2, () => Run(g, leaves, logits, ModelConfig.Iwp, x, weight, batch, fusedKernel: true));
        LayerPass.AssertIdentical(one, two);
    }

    private static BitImage ConvOut(int channelsIn, int height, int width, int channels, int kernel, int stride, int padding) =>
        new(channels, (height + 2 * padding - kernel) / stride + 1, (width + 2 * padding - kernel) / stride + 1);

    private static LayerPass Run(ImageGeometry g, int[] leaves, float[] logits, string parametrization,
        float[] x, float[] weight, int batch, bool fusedKernel)
    {
        using var scope = NewDisposeScope();
        using var layer = new TreeConvLayer(g, leaves, logits, parametrization, CPU, fusedKernel);
        var input = tensor(x, [batch, g.In.Bits]).requires_grad_(true);
        var output = layer.Forward(input, null, 1f, 1f);
        Assert.Equal([(long)batch, g.Out.Bits], output.shape);
        (output * tensor(weight, [batch, g.Out.Bits])).sum().backward();
        return new LayerPass(output.detach().contiguous().data<float>().ToArray(), layer.Logits!.grad!.data<float>().ToArray(), input.grad!.data<float>().ToArray());
    }
}
