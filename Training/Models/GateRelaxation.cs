using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// Logits → the four coefficients (c0, c1, c2, c3) of each gate's relaxation c0 + c1·a + c2·b + c3·ab:
/// softmax16 (16 gate logits through <see cref="Gates.CoefficientMatrix"/>) or iwp (4 input-pattern
/// logits), with Gumbel straight-through when noise is given. The one implementation for dense
/// neurons and conv tree gates.
/// </summary>
internal sealed class GateRelaxation : IDisposable
{
    private readonly Tensor _toCoefficients; // logits-width × 4

    public GateRelaxation(string parametrization, Device device)
    {
        Iwp = parametrization == ModelConfig.Iwp;
        LogitsPerGate = Iwp ? 4 : Gates.Count;
        _toCoefficients = Iwp
            ? tensor(IwpMatrix, [4, 4], ScalarType.Float32, device)
            : tensor(Gates.CoefficientMatrix(), [Gates.Count, 4], ScalarType.Float32, device);
    }

    // Rows p00, p01, p10, p11 (output probability per input pattern) → c0..c3.
    private static readonly float[] IwpMatrix =
    [
        1, -1, -1, 1,
        0, 0, 1, -1,
        0, 1, 0, -1,
        0, 0, 0, 1,
    ];

    public bool Iwp { get; }
    public int LogitsPerGate { get; }

    /// <summary>gates × 4 coefficients for <paramref name="logits"/> (gates × LogitsPerGate).</summary>
    public Tensor Coefficients(Tensor logits, UniformNoise? noise, float gumbelTau)
    {
        Tensor p;
        if (Iwp)
        {
            if (noise is null)
            {
                p = logits.sigmoid();
            }
            else
            {
                // Binary Gumbel (logistic noise) per input pattern, straight-through.
                var u = noise.Rand(logits.shape).clamp(KeptScalars.Of(1e-6), KeptScalars.Of(1 - 1e-6));
                var z = logits.Plus(u.log() - u.OneMinus().log());
                var soft = z.Over(gumbelTau).sigmoid();
                var hard = z.ge(KeptScalars.Of(0)).to_type(ScalarType.Float32);
                p = hard.Plus(soft) - soft.detach();
            }
        }
        else if (noise is null)
        {
            p = logits.softmax(1);
        }
        else
        {
            var u = noise.Rand(logits.shape).clamp(KeptScalars.Of(1e-10), KeptScalars.Of(1 - 1e-7));
            var z = logits - u.log().neg().log();
            var soft = z.Over(gumbelTau).softmax(1);
            var hard = nn.functional.one_hot(z.argmax(1), Gates.Count).to_type(ScalarType.Float32);
            p = hard.Plus(soft) - soft.detach();
        }
        return p.mm(_toCoefficients);
    }

    /// <summary>The discrete gate id of each row of <paramref name="logits"/> (gates × LogitsPerGate, row-major).</summary>
    public static int[] GateIds(float[] logits, int perGate, bool iwp)
    {
        var ids = new int[logits.Length / perGate];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = LogicLayer.GateIdOf(logits.AsSpan(i * perGate, perGate), iwp);
        return ids;
    }

    public void Dispose() => _toCoefficients.Dispose();
}
