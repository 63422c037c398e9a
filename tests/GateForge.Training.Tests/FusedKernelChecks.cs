using static TorchSharp.torch;

namespace GateForge.Training.Tests;

/// <summary>A layer's output and gradients after one forward and backward pass (the fused kernels' tests).</summary>
internal sealed record LayerPass(float[] Output, float[] LogitGrad, float[] InputGrad)
{
    /// <summary>
    /// The fused kernel against the tensor ops: the same output bit for bit (the same operations in the
    /// same order), gradients to 1e-4 (logits) and 1e-5 (input), sums being taken in another order.
    /// </summary>
    public static void AssertFusedMatches(LayerPass reference, LayerPass fused)
    {
        Assert.Equal(reference.Output, fused.Output);
        FloatAssert.Close(reference.LogitGrad, fused.LogitGrad, 1e-4f);
        FloatAssert.Close(reference.InputGrad, fused.InputGrad, 1e-5f);
        Assert.Contains(fused.InputGrad, v => v != 0);
    }

    /// <summary>Two passes equal in every float (e.g. on 1 and on 2 threads).</summary>
    public static void AssertIdentical(LayerPass one, LayerPass two)
    {
        Assert.Equal(one.Output, two.Output);
        Assert.Equal(one.LogitGrad, two.LogitGrad);
        Assert.Equal(one.InputGrad, two.InputGrad);
    }
}

/// <summary>libtorch's intra-op thread count, by which the fused kernels split their work, set for one call.</summary>
internal static class TorchThreads
{
    public static T With<T>(int threads, Func<T> run)
    {
        var previous = get_num_threads();
        set_num_threads(threads);
        try
        {
            return run();
        }
        finally
        {
            set_num_threads(previous);
        }
    }
}
