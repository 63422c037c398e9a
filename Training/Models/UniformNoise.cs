using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// Seeded uniform [0, 1) noise on the model's device, for Gumbel sampling: one source per training
/// step, so the noise depends only on the seed and the step (a resumed run draws the same).
/// </summary>
/// <remarks>
/// TorchSharp 0.107's <c>new Generator(seed, device)</c> always makes a CPU generator (its native
/// <c>THSGenerator_new</c> ignores the device), and a CPU generator cannot fill a CUDA tensor: on a GPU
/// the run died at the first Gumbel step. There the device's default generator is seeded instead.
/// </remarks>
public sealed class UniformNoise : IDisposable
{
    private readonly Generator? _cpu;
    private readonly Device _device;

    private UniformNoise(Generator? cpu, Device device)
    {
        _cpu = cpu;
        _device = device;
    }

    public static UniformNoise Create(ulong seed, Device device)
    {
        if (device.type == DeviceType.CPU)
            return new UniformNoise(new Generator(seed, device), device);
        if (device.type != DeviceType.CUDA)
            throw new TrainingException($"Gumbel noise is not supported on device {device}");
        torch.cuda.manual_seed(unchecked((long)seed));
        return new UniformNoise(null, device);
    }

    /// <summary>A tensor of <paramref name="shape"/> with values drawn uniformly from [0, 1).</summary>
    public Tensor Rand(long[] shape) =>
        _cpu is null ? rand(shape, device: _device) : rand(shape, generator: _cpu, device: _device);

    public void Dispose() => _cpu?.Dispose();
}
