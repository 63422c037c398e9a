using GateForge.Training.Runtime;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A recurrent differentiable logic gate network (SPEC §8): the step network (a stack of
/// <see cref="LogicLayer"/>s over [x_t, h_{t−1}], last layer = h_t, h_0 = 0) unrolled over the
/// sequence with the same gates at every step (backpropagation through time), then the readout
/// (more layers and the GroupSum head) over h_T; learned connections (config
/// <c>connectionCandidates</c>) apply to the readout, not to the step network, whose state path is wired. A sample shorter than the batch's longest keeps
/// its state once its steps end (mask), so h_T is its own last state. With Gumbel noise the gates
/// are drawn once per forward pass: every time step uses the same sampled circuit, as the hardware does.
/// </summary>
internal sealed class RecurrentModel : IDisposable
{
    private readonly List<LogicLayer> _step;
    private readonly List<LogicLayer> _readout;

    private RecurrentModel(ModelConfig config, int stepBits, List<LogicLayer> step, List<LogicLayer> readout, Device device)
    {
        Recurrent = config.Recurrent ?? throw new TrainingException("a recurrent model needs the config's recurrent section");
        (Config, StepBits, _step, _readout, Device) = (config, stepBits, step, readout, device);
    }

    public ModelConfig Config { get; }
    public RecurrentConfig Recurrent { get; }
    /// <summary>F: input bits per step.</summary>
    public int StepBits { get; }
    public Device Device { get; }
    /// <summary>Every layer's gate logits, then the readout's learned connections' logits (<see cref="DlgnModel.ParametersOf"/>).</summary>
    public IEnumerable<Tensor> Parameters => DlgnModel.ParametersOf(_step.Concat(_readout));

    /// <summary>A freshly initialised model; wiring and logits from <see cref="Random"/>(seed).</summary>
    public static RecurrentModel Create(ModelConfig config, int stepBits, Device device)
    {
        config.Validate();
        TorchRuntime.EnsureLoaded();
        var r = config.Recurrent!;
        var rng = new Random(config.Seed);
        var perNeuron = config.Parametrization == ModelConfig.Iwp ? 4 : Gates.Count;
        var step = new List<LogicLayer>();
        var width = stepBits + r.Hidden;
        var statePosition = stepBits; // where h_{t-1}[0] sits in this layer's input
        foreach (var neurons in r.StepWidths())
        {
            var shift = step.Count == 0 ? r.StateShift : 0;
            var (a, b) = r.StateWiring == StateWiring.Local
                ? LocalWiring(stepBits, r.Hidden, step.Count == 0)
                : r.StateShift > 0
                    ? FeatureWiring(config.Wiring, stepBits, width, step.Count == 0, r, neurons, rng)
                    : Wiring.Make(config.Wiring, width, neurons, rng);
            if (r.StateResidual)
                WireStatePath(a, b, r.Hidden, statePosition, shift, width);
            var logits = DlgnModel.InitialLogits(config, neurons, perNeuron, rng);
            if (r.StateWiring == StateWiring.Local && config.Init == ModelConfig.InitResidual)
                ControlledShift(logits, perNeuron, step.Count == 0 ? [Gates.And, Gates.NotAAndB] : [Gates.Or]);
            if (r.StateShift > 0)
                FixDelayLine(logits, perNeuron, r.StateShift, r.Hidden);
            step.Add(new LogicLayer(width, a, b, logits, config.Parametrization, device));
            width = neurons;
            statePosition = 0;
        }
        var readout = new List<LogicLayer>();
        foreach (var neurons in r.Readout)
        {
            var (a, b) = Wiring.Make(config.Wiring, width, neurons, rng);
            var logits = DlgnModel.InitialLogits(config, neurons, perNeuron, rng);
            readout.Add(new LogicLayer(width, a, b, logits, config.Parametrization, device, connections: DlgnModel.DrawConnections(config, a, b, width, rng)));
            width = neurons;
        }
        return new RecurrentModel(config, stepBits, step, readout, device);
    }

    // With a state shift the step network computes the new features apart from the delay line: the
    // first layer reads x_t and the newest features h_{t-1}[0..s) (inputs 0..F+s−1), a later layer the
    // previous layer's feature neurons (0..s−1 and hidden..width−1), never a delay-line neuron. Its
    // neuron j < s continues feature j: WireStatePath sets A = neuron j; here B is kept off it.
    private static (int[] A, int[] B) FeatureWiring(string kind, int stepBits, int width, bool firstLayer, RecurrentConfig r, int neurons, Random rng)
    {
        var gap = r.Hidden - r.StateShift;
        var features = firstLayer ? stepBits + r.StateShift : width - gap;
        var (a, b) = Wiring.Make(kind, features, neurons, rng);
        if (firstLayer)
            return (a, b);
        for (var j = 0; j < r.StateShift; j++)
            if (b[j] == j)
                b[j] = (j + 1) % features;
        return (a.Select(Place).ToArray(), b.Select(Place).ToArray());
        int Place(int f) => f < r.StateShift ? f : f + gap;
    }

    // stateWiring local (RecurrentConfig.StateWiring): the first layer's neurons 2j and 2j+1 read
    // x_t[j mod F] with the left and the right neighbour of state bit j; the state layer's neuron j
    // reads those two.
    private static (int[] A, int[] B) LocalWiring(int stepBits, int hidden, bool firstLayer)
    {
        if (!firstLayer)
            return (Enumerable.Range(0, hidden).Select(j => 2 * j).ToArray(), Enumerable.Range(0, hidden).Select(j => 2 * j + 1).ToArray());
        var a = new int[2 * hidden];
        var b = new int[2 * hidden];
        for (var j = 0; j < hidden; j++)
        {
            a[2 * j] = a[2 * j + 1] = j % stepBits;
            b[2 * j] = stepBits + Math.Max(j - 1, 0);
            b[2 * j + 1] = stepBits + Math.Min(j + 1, hidden - 1);
        }
        return (a, b);
    }

    // Residual init of the local state wiring: every cell starts as x ? left : right (layer 1: x AND
    // left, NOT x AND right; state layer: OR), a shift register the input steers, at residual init's
    // strength. Neuron n gets gates[n mod gates.Length].
    private static void ControlledShift(float[] logits, int perNeuron, int[] gates)
    {
        for (var n = 0; n < logits.Length / perNeuron; n++)
            DlgnModel.Favour(logits.AsSpan(n * perNeuron, perNeuron), gates[n % gates.Length]);
    }

    // Neuron j < hidden reads state bit j − shift as A (and never as B too); with a shift, neurons
    // j < shift are new features and keep their drawn wiring.
    private static void WireStatePath(int[] a, int[] b, int hidden, int statePosition, int shift, int width)
    {
        for (var j = shift; j < hidden; j++)
        {
            a[j] = statePosition + j - shift;
            if (b[j] == a[j])
                b[j] = (a[j] + 1) % width;
        }
    }

    /// <summary>
    /// A delay-line neuron's logits: the pass-through gate A so saturated that in float32 its soft
    /// output is a and its gradient to a is 1 (iwp: σ(±40) rounds to 1 and 4e-18; softmax16: the
    /// other 15 gates get e^−40 of the mass), and its own gradient vanishes, so training leaves it a
    /// wire and the delay line costs no gates. With the ±3 of residual init instead, a row's feature
    /// reaching the readout through 27 steps of 3 gates is damped 10^4-fold (0.905 per gate), and the
    /// training may turn delay-line neurons into logic; measured on row-MNIST (16 features per row,
    /// step layers 1,024 + 704, readout 1,600 + 800): 81.2 % at step 750 with trainable ±3 gates,
    /// 80.0 % at step 1,000 with the fixed wires: the same, so the wires are kept for their area.
    /// </summary>
    public const float DelayLineLogit = 40f;

    private static void FixDelayLine(float[] logits, int perNeuron, int shift, int hidden)
    {
        for (var j = shift; j < hidden; j++)
            DlgnModel.Favour(logits.AsSpan(j * perNeuron, perNeuron), Gates.PassA, DelayLineLogit, DelayLineLogit);
    }

    /// <summary>A model with given wiring and logits (step layers, then readout layers).</summary>
    public static RecurrentModel FromWeights(ModelConfig config, int stepBits, IReadOnlyList<LayerWeights> weights, Device device)
    {
        TorchRuntime.EnsureLoaded();
        var stepCount = config.Recurrent!.StepWidths().Length;
        var layers = weights.Select(w => new LogicLayer(w.Inputs, w.A, w.B, w.Logits, config.Parametrization, device, connections: w.Connections)).ToList();
        return new RecurrentModel(config, stepBits, layers.Take(stepCount).ToList(), layers.Skip(stepCount).ToList(), device);
    }

    /// <summary>
    /// Class scores (batch × k) divided by tau for <paramref name="x"/> (batch × T × F, 0/1 floats)
    /// with <paramref name="mask"/> (batch × T, 1 for a step of the sample, 0 past its end).
    /// </summary>
    public Tensor Forward(Tensor x, Tensor mask, UniformNoise? noise)
    {
        var batch = x.shape[0];
        var steps = x.shape[1];
        var coefficients = _step.Select(l => l.Coefficients(noise, Config.GumbelTau)).ToList();
        var h = zeros([batch, Recurrent.Hidden], ScalarType.Float32, Device);
        for (var t = 0; t < steps; t++)
        {
            var v = cat([x.select(1, t), h], 1);
            for (var l = 0; l < _step.Count; l++)
                v = _step[l].Apply(v, coefficients[l], Config.GradFactor);
            if (Recurrent.StateStraightThrough)
                v = StraightThrough(v);
            var m = mask.select(1, t).unsqueeze(1);
            h = (m * v).Plus(m.OneMinus() * h);
        }
        foreach (var layer in _readout)
            h = layer.Forward(h, noise, Config.GumbelTau, Config.GradFactor);
        var k = Config.Classes;
        return h.reshape(batch, k, h.shape[1] / k).sum(2).Over(Config.Tau);
    }

    // round(v) forward, the identity backward: v + (round(v) − v) with the difference detached
    private static Tensor StraightThrough(Tensor v)
    {
        using var hard = v.gt(KeptScalars.Of(0.5)).to_type(ScalarType.Float32);
        using var step = (hard - v).detach();
        return v.Plus(step);
    }

    public IReadOnlyList<LayerWeights> Weights() =>
        _step.Concat(_readout).Select(l => l.Weights()).ToList();

    public DiscreteRecurrentNetwork Freeze() => DiscreteRecurrentNetwork.FromWeights(Config, StepBits, Weights());

    public void Dispose()
    {
        foreach (var l in _step.Concat(_readout))
            l.Dispose();
    }
}
