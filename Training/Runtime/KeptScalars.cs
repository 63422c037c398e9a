using System.Collections.Concurrent;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Runtime;

/// <summary>
/// Scalars that stay reachable while libtorch reads them. TorchSharp 0.107 hands a <see cref="Scalar"/>'s raw
/// handle to native code and does not keep the Scalar alive across the call, and every implicit Scalar (the
/// alpha = 1 of each tensor + tensor, the 2 of <c>x / 2</c>, a clamp bound) is garbage at
/// once: a collection on another thread can run its finalizer, which frees the c10::Scalar while the kernel
/// still reads it. Seen in CI (<c>RecurrentEndToEndTests.Stream_parity_verb_by_verb</c>: <c>gateforge train
/// --data stream-parity</c> died with "Expected false to be true … toFloat at c10/core/Scalar.h:140" inside
/// <c>THSTensor_add</c>, exit 3), and reproduced within a second by <c>KeptScalarsTests</c> with a thread
/// calling <see cref="GC.Collect()"/>. Tensors do not have the problem (the same test passes with tensor-only
/// ops). So the training code never lets TorchSharp make a Scalar: it passes one of these, rooted for the
/// process, or (for a value that changes every step) a Scalar held by a <c>using</c> local.
/// </summary>
internal static class KeptScalars
{
    private static readonly ConcurrentDictionary<double, Scalar> Cache = new();

    /// <summary>The Scalar for a constant (1, an epsilon, the config's tau); made once, never freed.</summary>
    public static Scalar Of(double value) => Cache.GetOrAdd(value, v => v.ToScalar());

    public static Scalar One { get; } = Of(1);

    /// <summary><paramref name="a"/> + <paramref name="b"/> (TorchSharp's operator makes an implicit alpha).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>1 − <paramref name="t"/>.</summary>
    public static Tensor OneMinus(this Tensor t) => t.neg().add_(One, One);

    /// <summary><paramref name="t"/> × a constant.</summary>
    public static Tensor Times(this Tensor t, double value) => t.mul(Of(value));

    /// <summary><paramref name="t"/> ÷ a constant.</summary>
    public static Tensor Over(this Tensor t, double value) => t.div(Of(value));
}
