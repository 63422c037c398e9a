using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A differentiable logic gate network: a stack of <see cref="LogicLayer"/>s and the GroupSum head
/// (k groups of the last layer's outputs, summed, divided by tau). Wiring and initial logits are drawn
/// from a .NET <see cref="Random"/> seeded with the config's seed, so a model is repeatable on every
/// machine; TorchSharp's generator is only used for the Gumbel noise.
/// </summary>
internal sealed class DlgnModel : IDisposable
{
    private readonly List<LogicLayer> _layers;

    private DlgnModel(ModelConfig config, int inputBits, List<LogicLayer> layers, Device device)
    {
        Config = config;
        InputBits = inputBits;
        _layers = layers;
        Device = device;
    }

    public ModelConfig Config { get; }
    public int InputBits { get; }
    public Device Device { get; }
    public IReadOnlyList<LogicLayer> Layers => _layers;
    public IEnumerable<Tensor> Parameters => _layers.Select(l => l.Logits);

    /// <summary>A freshly initialised model for <paramref name="inputBits"/> input bits.</summary>
    public static DlgnModel Create(ModelConfig config, int inputBits, Device device)
    {
        config.Validate();
        TorchRuntime.EnsureLoaded();
        var rng = new Random(config.Seed);
        var layers = new List<LogicLayer>();
        var width = inputBits;
        var perNeuron = config.Parametrization == ModelConfig.Iwp ? 4 : Gates.Count;
        for (var l = 0; l < config.Layers; l++)
        {
            var (a, b) = Wiring.Make(config.Wiring, width, config.Neurons, rng);
            var logits = InitialLogits(config, config.Neurons, perNeuron, rng);
            layers.Add(new LogicLayer(width, a, b, logits, config.Parametrization, device));
            width = config.Neurons;
        }
        return new DlgnModel(config, inputBits, layers, device);
    }

    /// <summary>A model with given wiring and logits (from a checkpoint).</summary>
    public static DlgnModel FromWeights(ModelConfig config, int inputBits, IReadOnlyList<LayerWeights> weights, Device device)
    {
        TorchRuntime.EnsureLoaded();
        var layers = new List<LogicLayer>();
        foreach (var w in weights)
            layers.Add(new LogicLayer(w.Inputs, w.A, w.B, w.Logits, config.Parametrization, device));
        return new DlgnModel(config, inputBits, layers, device);
    }

    /// <summary>Initial logits of a layer by the config's <c>init</c> (residual: gate A; random: standard normal).</summary>
    internal static float[] InitialLogits(ModelConfig config, int neurons, int perNeuron, Random rng)
    {
        var logits = new float[neurons * perNeuron];
        if (config.Init == ModelConfig.InitRandom)
        {
            for (var i = 0; i < logits.Length; i++)
                logits[i] = (float)Normal(rng);
            return logits;
        }
        // Residual: the pass-through gate A. softmax16: logit 5 on gate 3; iwp: output = a, i.e.
        // patterns (a,b) = 00, 01 → -3 and 10, 11 → +3.
        for (var n = 0; n < neurons; n++)
        {
            if (perNeuron == Gates.Count)
            {
                logits[n * perNeuron + Gates.PassA] = 5f;
            }
            else
            {
                logits[n * 4 + 0] = -3f;
                logits[n * 4 + 1] = -3f;
                logits[n * 4 + 2] = 3f;
                logits[n * 4 + 3] = 3f;
            }
        }
        return logits;
    }

    private static double Normal(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Class scores (batch × k) divided by tau. Gumbel noise only when <paramref name="noise"/> is given.</summary>
    public Tensor Forward(Tensor x, UniformNoise? noise)
    {
        var h = x;
        foreach (var layer in _layers)
            h = layer.Forward(h, noise, Config.GumbelTau, Config.GradFactor);
        var k = Config.Classes;
        return h.reshape(h.shape[0], k, h.shape[1] / k).sum(2) / Config.Tau;
    }

    public DiscreteNetwork Freeze() => new(InputBits, Config.Classes, _layers.Select(l => l.Freeze()).ToList());

    public IReadOnlyList<LayerWeights> Weights() =>
        _layers.Select(l => new LayerWeights(l.Inputs, l.A, l.B, l.LogitsPerNeuron, l.LogitValues())).ToList();

    public void Dispose()
    {
        foreach (var l in _layers)
            l.Dispose();
    }
}

/// <summary>One layer's wiring and logits (neurons × perNeuron, row-major) as plain arrays.</summary>
public sealed record LayerWeights(int Inputs, int[] A, int[] B, int LogitsPerNeuron, float[] Logits)
{
    public int Neurons => A.Length;
}
