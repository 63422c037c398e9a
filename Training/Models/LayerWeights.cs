namespace GateForge.Training.Models;

/// <summary>
/// One layer's wiring and logits as plain arrays. Dense (<see cref="Geometry"/> null): neuron i reads
/// inputs <c>A[i]</c>, <c>B[i]</c>, logits neurons × perNeuron row-major. Conv: <c>A</c> holds the
/// leaves (channels × 2^depth receptive-field offsets), <c>B</c> is empty, logits are the tree gates
/// (channels × (2^depth − 1), level order) × perNeuron. Orpool: no wiring and no logits. A dense
/// layer with learned connections also has <see cref="Connections"/>.
/// </summary>
public sealed record LayerWeights(int Inputs, int[] A, int[] B, int LogitsPerNeuron, float[] Logits)
{
    /// <summary>conv and orpool: where the layer sits in the image; null for a dense layer.</summary>
    public ImageGeometry? Geometry { get; init; }
    public LayerKind Kind => Geometry?.Kind ?? LayerKind.Dense;
    /// <summary>Dense with learned connections: the candidates and their logits (<see cref="A"/>, <see cref="B"/> are the chosen ones); null for fixed wiring.</summary>
    public ConnectionWeights? Connections { get; init; }
    /// <summary>Dense: neurons. Conv: leaves.</summary>
    public int Neurons => A.Length;
    /// <summary>Outputs of the layer.</summary>
    public int Outputs => Geometry?.Out.Bits ?? A.Length;
    /// <summary>Trained gates: rows of <see cref="Logits"/>.</summary>
    public int TrainedGates => LogitsPerNeuron == 0 ? 0 : Logits.Length / LogitsPerNeuron;

    public static LayerWeights Conv(ImageGeometry geometry, int[] leaves, int perGate, float[] logits) =>
        new(geometry.In.Bits, leaves, [], perGate, logits) { Geometry = geometry };

    public static LayerWeights OrPool(ImageGeometry geometry) => new(geometry.In.Bits, [], [], 0, []) { Geometry = geometry };

    /// <summary>The layer in discrete mode: argmax gates (ties → lowest id) or iwp truth tables.</summary>
    public IDiscreteLayer Discrete(bool iwp) => Kind switch
    {
        LayerKind.Dense => DiscreteLayer.FromWeights(this, iwp),
        LayerKind.Conv => new DiscreteConvLayer(Geometry!, A, GateRelaxation.GateIds(Logits, LogitsPerNeuron, iwp)),
        LayerKind.OrPool => new DiscreteOrPool(Geometry!),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}
