using GateForge.Training.Runtime;
using TorchSharp;

namespace GateForge.Training.Tests;

[Collection(TorchCollection.Name)]
public sealed class UniformNoiseTests
{
    private static float[] Draw(ulong seed)
    {
        using var noise = UniformNoise.Create(seed, torch.CPU);
        using var u = noise.Rand([4, 16]);
        return u.data<float>().ToArray();
    }

    [Fact]
    public void Cpu_noise_is_the_seeded_generators_draw_in_0_1()
    {
        TorchRuntime.EnsureLoaded();
        var a = Draw(42);
        using var generator = new torch.Generator(42, torch.CPU);
        using var expected = torch.rand([4, 16], generator: generator);
        Assert.Equal(expected.data<float>().ToArray(), a);
        Assert.All(a, v => Assert.InRange(v, 0f, 1f));
        Assert.Equal(a, Draw(42));
        Assert.NotEqual(a, Draw(43));
    }
}
