using GateForge.Training;
using GateForge.Training.Runtime;
using TorchSharp;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class TorchRuntimeTests
{
    [Fact]
    public void Torch_ones_works_after_the_loading_fix()
    {
        TorchRuntime.EnsureLoaded();
        using var t = torch.ones(3, 4);
        Assert.Equal(12f, t.sum().item<float>());
    }

    [Fact]
    public void Cuda_device_without_a_cuda_build_is_a_clear_error()
    {
        if (TorchRuntime.CudaAvailable())
            return; // a CUDA machine: nothing to check here
        var e = Assert.Throws<TrainingException>(() => TorchRuntime.CheckDevice("cuda"));
        Assert.Contains("cuda", e.Message, StringComparison.Ordinal);
    }
}
