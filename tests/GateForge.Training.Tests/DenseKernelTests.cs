using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>The CPU's fused dense neurons (DenseKernel) against the tensor-op form that the other devices run.</summary>
[Collection(TorchCollection.Name)]
public sealed class DenseKernelTests
{
    [Theory]
    [InlineData(ModelConfig.Softmax16, 1f, 1)]
    [InlineData(ModelConfig.Iwp, 1f, 2)]
    [InlineData(ModelConfig.Iwp, 2.5f, 2)] // the gradient factor scales the input's gradient on both paths
    public void Fused_neurons_equal_the_tensor_ops_forward_and_backward(string parametrization, float gradFactor, int threads)
    {
        var layer = RandomLayer(parametrization, inputs: 40, neurons: 90, seed: 3);
        const int batch = 37; // not a multiple of the vector width: the scalar tails run too
        var (fused, reference) = TorchThreads.With(threads, () => (
            Run(layer, batch, gradFactor, fusedKernel: true),
            Run(layer, batch, gradFactor, fusedKernel: false)));
        LayerPass.AssertFusedMatches(reference, fused);
    }

    [Fact]
    public void The_gradients_do_not_depend_on_the_thread_count()
    {
        var layer = RandomLayer(ModelConfig.Iwp, inputs: 64, neurons: 500, seed: 4);
        var one = TorchThreads.With(1, () => Run(layer, 50, 1f, fusedKernel: true));
        var two = TorchThreads.With(2, () => Run(layer, 50, 1f, fusedKernel: true));
        LayerPass.AssertIdentical(one, two);
    }

    [Fact]
    public void An_input_that_needs_no_gradient_still_trains_the_logits()
    {
        var layer = RandomLayer(ModelConfig.Softmax16, inputs: 16, neurons: 24, seed: 5);
        using var scope = NewDisposeScope();
        using var fused = new LogicLayer(layer.Inputs, layer.A, layer.B, layer.Logits, layer.Parametrization, CPU);
        using var reference = new LogicLayer(layer.Inputs, layer.A, layer.B, layer.Logits, layer.Parametrization, CPU, fused: false);
        var x = tensor(layer.X, [layer.Batch, layer.Inputs]); // data: no gradient wanted
        fused.Forward(x, null, 1f, 1f).sum().backward();
        reference.Forward(x, null, 1f, 1f).sum().backward();
        Assert.Null(x.grad);
        FloatAssert.Close(reference.Logits.grad!.data<float>().ToArray(), fused.Logits.grad!.data<float>().ToArray(), 1e-4f);
    }

    private sealed record RandomDense(int Inputs, int[] A, int[] B, float[] Logits, string Parametrization, float[] X, int Batch);

    private static RandomDense RandomLayer(string parametrization, int inputs, int neurons, int seed, int batch = 37)
    {
        var rng = new Random(seed);
        var a = Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs)).ToArray();
        var b = Enumerable.Range(0, neurons).Select(_ => rng.Next(inputs)).ToArray();
        var perGate = parametrization == ModelConfig.Iwp ? 4 : 16;
        var logits = Enumerable.Range(0, neurons * perGate).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var x = Enumerable.Range(0, 64 * inputs).Select(_ => (float)rng.NextDouble()).ToArray();
        return new RandomDense(inputs, a, b, logits, parametrization, x, batch);
    }

    private static LayerPass Run(RandomDense d, int batch, float gradFactor, bool fusedKernel)
    {
        using var scope = NewDisposeScope();
        using var layer = new LogicLayer(d.Inputs, d.A, d.B, d.Logits, d.Parametrization, CPU, fusedKernel);
        var input = tensor(d.X.AsSpan(0, batch * d.Inputs).ToArray(), [batch, d.Inputs]).requires_grad_(true);
        var output = layer.Forward(input, null, 1f, gradFactor);
        Assert.Equal([(long)batch, d.A.Length], output.shape);
        var rng = new Random(batch);
        var weight = Enumerable.Range(0, batch * d.A.Length).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        (output * tensor(weight, [batch, d.A.Length])).sum().backward();
        return new LayerPass(output.detach().contiguous().data<float>().ToArray(), layer.Logits.grad!.data<float>().ToArray(), input.grad!.data<float>().ToArray());
    }
}
