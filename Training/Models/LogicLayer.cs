using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// n two-input neurons over the previous layer's outputs (batch × inputs → batch × n). Each neuron's
/// gate is a relaxation c0 + c1·a + c2·b + c3·ab; its four coefficients come from the neuron's logits
/// (16 gate logits for softmax16, 4 input-pattern logits for iwp) through a fixed matrix, so the layer
/// never makes a batch × n × 16 tensor. On the CPU the neurons run fused (<see cref="DenseKernel"/>,
/// on bits × batch); the tensor-op form serves the other devices and is what the kernel is tested against.
/// </summary>
internal sealed class LogicLayer : ISoftLayer
{
    private readonly Tensor _indexA;
    private readonly Tensor _indexB;
    private readonly GateRelaxation _relaxation;
    private readonly DenseKernel? _kernel; // the CPU's fused neurons; null on other devices

    /// <param name="fused">Whether to run the neurons through <see cref="DenseKernel"/> (only on the CPU; the default there).</param>
    public LogicLayer(int inputs, int[] a, int[] b, float[] logits, string parametrization, Device device, bool fused = true)
    {
        Inputs = inputs;
        A = a;
        B = b;
        _relaxation = new GateRelaxation(parametrization, device);
        LogitsPerNeuron = _relaxation.LogitsPerGate;
        _indexA = tensor(a.Select(i => (long)i).ToArray(), ScalarType.Int64, device);
        _indexB = tensor(b.Select(i => (long)i).ToArray(), ScalarType.Int64, device);
        Logits = tensor(logits, [a.Length, LogitsPerNeuron], ScalarType.Float32, device).requires_grad_(true);
        if (fused && device.type == DeviceType.CPU)
            _kernel = new DenseKernel(inputs, a, b);
    }

    public int Inputs { get; }
    public int Neurons => A.Length;
    public int[] A { get; }
    public int[] B { get; }
    public int LogitsPerNeuron { get; }
    /// <summary>The trained parameters, neurons × LogitsPerNeuron.</summary>
    public Tensor Logits { get; }

    /// <summary>
    /// Soft forward pass. With <paramref name="noise"/> (training with Gumbel) the forward value uses the
    /// hard sample and the gradient the relaxed one (straight-through).
    /// </summary>
    public Tensor Forward(Tensor x, UniformNoise? noise, float gumbelTau, float gradFactor) =>
        Apply(x, Coefficients(noise, gumbelTau), gradFactor);

    /// <summary>
    /// The layer with given gate coefficients (from <see cref="Coefficients"/>): a recurrent model
    /// draws them once per training step and applies the same gates at every time step.
    /// </summary>
    public Tensor Apply(Tensor x, Tensor coefficients, float gradFactor)
    {
        if (gradFactor != 1f)
            x = x.detach().Plus((x - x.detach()).Times(gradFactor)); // value x, gradient × gradFactor
        // bits × batch for the kernel; behind another fused layer x.t() is already contiguous (no copy)
        if (_kernel is not null)
            return FusedLogicFunction.Apply(x.t().contiguous(), coefficients, _kernel).t();
        // gather, not index_select: index_select's backward (index_add) loops over the indices one
        // slice at a time on the CPU; gather's backward (scatter_add) is one kernel.
        var batch = x.shape[0];
        var a = x.gather(1, _indexA.unsqueeze(0).expand(batch, -1));
        var b = x.gather(1, _indexB.unsqueeze(0).expand(batch, -1));
        var c = coefficients.t(); // 4 × n
        // c0 + c1·a + c2·b + c3·a·b = c0 + a·(c1 + c3·b) + c2·b
        return c[0].Plus(a * c[1].Plus(c[3] * b)).Plus(c[2] * b);
    }

    /// <summary>Each neuron's c0..c3 (neurons × 4): relaxed, or with <paramref name="noise"/> the straight-through Gumbel sample.</summary>
    public Tensor Coefficients(UniformNoise? noise, float gumbelTau) =>
        _relaxation.Coefficients(Logits, noise, gumbelTau);

    /// <summary>The discrete gate of every neuron: argmax logit (ties → lowest id) or the iwp truth table [ω ≥ 0].</summary>
    public int[] GateIds() => GateRelaxation.GateIds(LogitValues(), LogitsPerNeuron, _relaxation.Iwp);

    public static int GateIdOf(ReadOnlySpan<float> logits, bool iwp)
    {
        if (iwp)
            return Gates.FromTruthTable(logits[0] >= 0, logits[1] >= 0, logits[2] >= 0, logits[3] >= 0);
        var best = 0;
        for (var g = 1; g < logits.Length; g++)
            if (logits[g] > logits[best])
                best = g;
        return best;
    }

    public float[] LogitValues()
    {
        using var cpu = Logits.detach().cpu();
        return cpu.data<float>().ToArray();
    }

    public void SetLogits(float[] values)
    {
        using var _ = no_grad();
        using var src = tensor(values, [Neurons, LogitsPerNeuron], ScalarType.Float32, Logits.device);
        Logits.copy_(src);
    }

    public LayerWeights Weights() => new(Inputs, A, B, LogitsPerNeuron, LogitValues());

    public void Dispose()
    {
        _indexA.Dispose();
        _indexB.Dispose();
        _relaxation.Dispose();
        Logits.Dispose();
    }
}
