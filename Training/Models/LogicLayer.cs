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
    private readonly ConnectionWeights? _connections; // the candidates (their logits live in ConnectionLogits); null: fixed wiring

    /// <param name="fused">Whether to run the neurons through <see cref="DenseKernel"/> (only on the CPU; the default there).</param>
    /// <param name="connections">Learned connections (their candidates become the gathered inputs; <paramref name="a"/>/<paramref name="b"/> are unused); null: fixed wiring.</param>
    public LogicLayer(int inputs, int[] a, int[] b, float[] logits, string parametrization, Device device, bool fused = true, ConnectionWeights? connections = null)
    {
        Inputs = inputs;
        Neurons = a.Length;
        (A, B) = (a, b);
        _relaxation = new GateRelaxation(parametrization, device);
        LogitsPerNeuron = _relaxation.LogitsPerGate;
        Logits = tensor(logits, [a.Length, LogitsPerNeuron], ScalarType.Float32, device).requires_grad_(true);
        if (connections is { Candidates: > 1 } c)
        {
            _connections = c;
            (a, b) = (c.CandidatesA, c.CandidatesB); // gathered neurons × K each
            ConnectionLogits = tensor(c.LogitsA.Concat(c.LogitsB).ToArray(), [2, Neurons, Candidates], ScalarType.Float32, device).requires_grad_(true);
        }
        _indexA = tensor(a.Select(i => (long)i).ToArray(), ScalarType.Int64, device);
        _indexB = tensor(b.Select(i => (long)i).ToArray(), ScalarType.Int64, device);
        if (fused && device.type == DeviceType.CPU)
            _kernel = ConnectionLogits is null
                ? new DenseKernel(inputs, a, b)
                // learned connections: the kernel's input is [mixed A inputs; mixed B inputs] (2n rows)
                : new DenseKernel(2 * Neurons, [.. Enumerable.Range(0, Neurons)], [.. Enumerable.Range(Neurons, Neurons)]);
    }

    public int Inputs { get; }
    public int Neurons { get; }
    /// <summary>The wiring the layer was built with; with learned connections the layer reads its candidates instead and <see cref="Weights"/> reports the chosen ones.</summary>
    public int[] A { get; }
    public int[] B { get; }
    /// <summary>Candidates per neuron input: 1 for fixed wiring.</summary>
    public int Candidates => _connections?.Candidates ?? 1;
    public int LogitsPerNeuron { get; }
    /// <summary>The trained gate parameters, neurons × LogitsPerNeuron.</summary>
    public Tensor Logits { get; }
    /// <summary>Learned connections' logits, 2 (input A, input B) × neurons × candidates; null for fixed wiring.</summary>
    public Tensor? ConnectionLogits { get; }

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
        if (_kernel is not null && ConnectionLogits is { } mix)
        {
            // rows of bits × batch: each input the softmax-weighted mean of its K candidate rows
            using var rows = x.t().contiguous();
            using var p = mix.softmax(2).unsqueeze(3); // 2 × n × K × 1
            using var ma = (rows.index_select(0, _indexA).view(Neurons, Candidates, -1) * p[0]).sum(1);
            using var mb = (rows.index_select(0, _indexB).view(Neurons, Candidates, -1) * p[1]).sum(1);
            return FusedLogicFunction.Apply(cat([ma, mb], 0), coefficients, _kernel).t();
        }
        if (_kernel is not null)
            return FusedLogicFunction.Apply(x.t().contiguous(), coefficients, _kernel).t();
        // gather, not index_select: index_select's backward (index_add) loops over the indices one
        // slice at a time on the CPU; gather's backward (scatter_add) is one kernel.
        var batch = x.shape[0];
        var a = x.gather(1, _indexA.unsqueeze(0).expand(batch, -1));
        var b = x.gather(1, _indexB.unsqueeze(0).expand(batch, -1));
        if (ConnectionLogits is { } w)
        {
            // each input: the softmax-weighted mean of its candidates (batch × n × K → batch × n)
            using var p = w.softmax(2);
            a = (a.view(batch, Neurons, Candidates) * p[0]).sum(2);
            b = (b.view(batch, Neurons, Candidates) * p[1]).sum(2);
        }
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

    /// <summary>The wiring and logits; with learned connections A and B are the chosen candidates (largest logit).</summary>
    public LayerWeights Weights()
    {
        if (_connections is null || ConnectionLogits is not { } w)
            return new(Inputs, A, B, LogitsPerNeuron, LogitValues());
        using var cpu = w.detach().cpu();
        var values = cpu.data<float>().ToArray();
        var half = values.Length / 2;
        var connections = _connections with { LogitsA = values[..half], LogitsB = values[half..] };
        return new(Inputs, connections.ChosenA(), connections.ChosenB(), LogitsPerNeuron, LogitValues()) { Connections = connections };
    }

    public void Dispose()
    {
        _indexA.Dispose();
        _indexB.Dispose();
        _relaxation.Dispose();
        Logits.Dispose();
        ConnectionLogits?.Dispose();
    }
}
