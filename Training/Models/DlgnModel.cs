using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A differentiable logic gate network: its layers (<see cref="LogicLayer"/>, <see cref="TreeConvLayer"/>,
/// <see cref="OrPoolLayer"/>) and the GroupSum head (k groups of the last layer's outputs, summed,
/// divided by tau). Wiring, conv leaves and initial logits are drawn from a .NET <see cref="Random"/>
/// seeded with the config's seed, so a model is repeatable on every machine; TorchSharp's generator
/// is only used for the Gumbel noise.
/// </summary>
internal sealed class DlgnModel : IDisposable
{
    private readonly List<ISoftLayer> _layers;

    private DlgnModel(ModelConfig config, int inputBits, List<ISoftLayer> layers, Device device)
    {
        (Config, InputBits, _layers, Device) = (config, inputBits, layers, device);
    }

    public ModelConfig Config { get; }
    public int InputBits { get; }
    public Device Device { get; }
    public IReadOnlyList<ISoftLayer> Layers => _layers;
    /// <summary>
    /// The trained tensors (what Adam and optimizer.bin hold): every layer's gate logits in layer order,
    /// then the learned connections' logits (none for fixed wiring: the order of earlier checkpoints' moments).
    /// </summary>
    public IEnumerable<Tensor> Parameters => ParametersOf(_layers);

    /// <summary>
    /// The trained tensors of <paramref name="layers"/> in optimizer order (gate logits layer by layer,
    /// then connection logits); Checkpoint.Load checks optimizer.bin against the same order.
    /// </summary>
    internal static IEnumerable<Tensor> ParametersOf(IEnumerable<ISoftLayer> layers) =>
        layers.Select(l => l.Logits).OfType<Tensor>().Concat(layers.OfType<LogicLayer>().Select(l => l.ConnectionLogits).OfType<Tensor>());

    /// <summary>A freshly initialised model for <paramref name="inputBits"/> input bits forming <paramref name="image"/> (null: not an image).</summary>
    public static DlgnModel Create(ModelConfig config, int inputBits, BitImage? image, Device device)
    {
        config.Validate();
        var plan = LayerPlan.Resolve(config, inputBits, image);
        TorchRuntime.EnsureLoaded();
        var rng = new Random(config.Seed);
        var layers = new List<ISoftLayer>();
        var perGate = config.Parametrization == ModelConfig.Iwp ? 4 : Gates.Count;
        foreach (var layer in plan)
        {
            switch (layer.Spec.Kind)
            {
                case LayerKind.Dense:
                    var neurons = layer.Outputs;
                    var (a, b) = Wiring.Make(layer.Spec.Wiring!, layer.Inputs, neurons, rng);
                    var logits = InitialLogits(config, neurons, perGate, rng);
                    layers.Add(new LogicLayer(layer.Inputs, a, b, logits, config.Parametrization, device, connections: DrawConnections(config, a, b, layer.Inputs, rng)));
                    break;
                case LayerKind.Conv:
                    var g = layer.Geometry!;
                    var leaves = DrawLeaves(g, layer.Spec.LeafChannels, rng);
                    layers.Add(new TreeConvLayer(g, leaves, InitialLogits(config, g.Out.Channels * g.TreeGates, perGate, rng), config.Parametrization, device));
                    break;
                case LayerKind.OrPool:
                    layers.Add(new OrPoolLayer(layer.Geometry!, device));
                    break;
            }
        }
        return new DlgnModel(config, inputBits, layers, device);
    }

    /// <summary>A model with given wiring and logits (from a checkpoint).</summary>
    public static DlgnModel FromWeights(ModelConfig config, int inputBits, IReadOnlyList<LayerWeights> weights, Device device)
    {
        TorchRuntime.EnsureLoaded();
        var layers = new List<ISoftLayer>();
        foreach (var w in weights)
        {
            layers.Add(w.Kind switch
            {
                LayerKind.Dense => new LogicLayer(w.Inputs, w.A, w.B, w.Logits, config.Parametrization, device, connections: w.Connections),
                LayerKind.Conv => new TreeConvLayer(w.Geometry!, w.A, w.Logits, config.Parametrization, device),
                _ => new OrPoolLayer(w.Geometry!, device),
            });
        }
        return new DlgnModel(config, inputBits, layers, device);
    }

    /// <summary>The config's learned connections for a dense layer wired (a, b); null for fixed wiring (and no draw).</summary>
    internal static ConnectionWeights? DrawConnections(ModelConfig config, int[] a, int[] b, int inputs, Random rng) =>
        config.CandidatesPerInput > 1 ? ConnectionWeights.Draw(a, b, inputs, config.CandidatesPerInput, rng) : null;

    // Each tree's 2^depth leaves: distinct receptive-field offsets (a partial Fisher-Yates shuffle),
    // from every input channel, or (leafChannels m) from m input channels drawn for the tree first.
    private static int[] DrawLeaves(ImageGeometry g, int? leafChannels, Random rng)
    {
        var leaves = new int[g.Out.Channels * g.Leaves];
        var area = g.Window * g.Window;
        var m = leafChannels ?? g.In.Channels;
        var channels = Enumerable.Range(0, g.In.Channels).ToArray();
        var field = Enumerable.Range(0, m * area).ToArray();
        for (var co = 0; co < g.Out.Channels; co++)
        {
            if (leafChannels is not null)
                PartialShuffle(channels, m, rng);
            PartialShuffle(field, g.Leaves, rng);
            for (var j = 0; j < g.Leaves; j++)
                leaves[co * g.Leaves + j] = channels[field[j] / area] * area + field[j] % area;
        }
        return leaves;
    }

    // The first n entries become a uniform draw without repetition (the rest keep the others).
    private static void PartialShuffle(int[] items, int n, Random rng)
    {
        for (var j = 0; j < n; j++)
        {
            var pick = j + rng.Next(items.Length - j);
            (items[j], items[pick]) = (items[pick], items[j]);
        }
    }

    /// <summary>Residual init's strength: softmax16's logit on the favoured gate.</summary>
    internal const float ResidualGateLogit = 5f;
    /// <summary>Residual init's strength: iwp's ± logit per input pattern.</summary>
    internal const float ResidualPatternLogit = 3f;

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
        for (var n = 0; n < neurons; n++)
            Favour(logits.AsSpan(n * perNeuron, perNeuron), Gates.PassA);
        return logits;
    }

    /// <summary>
    /// One neuron's logits favouring <paramref name="gate"/>. softmax16: <paramref name="gateLogit"/>
    /// on the gate, 0 elsewhere; iwp: ±<paramref name="patternLogit"/> per input pattern (a,b) = 00, 01,
    /// 10, 11 by the gate's truth table (gate A: −, −, +, +). Residual init's strengths by default.
    /// </summary>
    internal static void Favour(Span<float> neuron, int gate, float gateLogit = ResidualGateLogit, float patternLogit = ResidualPatternLogit)
    {
        neuron.Clear();
        if (neuron.Length == Gates.Count)
        {
            neuron[gate] = gateLogit;
            return;
        }
        var (f00, f01, f10, f11) = Gates.TruthTable(gate);
        ReadOnlySpan<int> table = [f00, f01, f10, f11];
        for (var p = 0; p < 4; p++)
            neuron[p] = table[p] == 1 ? patternLogit : -patternLogit;
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
        return h.reshape(h.shape[0], k, h.shape[1] / k).sum(2).Over(Config.Tau);
    }

    public DiscreteNetwork Freeze()
    {
        var iwp = Config.Parametrization == ModelConfig.Iwp;
        return new DiscreteNetwork(InputBits, Config.Classes, Weights().Select(w => w.Discrete(iwp)).ToList());
    }

    public IReadOnlyList<LayerWeights> Weights() => _layers.Select(l => l.Weights()).ToList();

    public void Dispose()
    {
        foreach (var l in _layers)
            l.Dispose();
    }
}
