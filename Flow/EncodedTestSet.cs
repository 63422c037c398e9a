using GateForge.Ir;
using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Flow;

/// <summary>
/// The test set through the model's encoder, encoded once by <c>freeze</c> and handed to <c>emit</c>
/// (test-bench vectors) and <c>verify</c> (given vectors): row-major, <see cref="Count"/> ×
/// <see cref="InputBits"/> 0/1 bytes.
/// </summary>
public sealed record EncodedTestSet(byte[] Bits, int Count, int InputBits, int[] Labels)
{
    public static EncodedTestSet Of(TrainedModel model, Dataset test) => new(model.Encode(test), test.Count, model.InputBits, test.Labels);

    /// <summary>The first <paramref name="n"/> samples (all when n ≥ Count), row-major bytes.</summary>
    public byte[] First(int n) => n >= Count ? Bits : Bits.AsSpan(0, n * InputBits).ToArray();

    /// <summary>The first <paramref name="n"/> samples (0: all) packed one row per input bit.</summary>
    public PackedBits Packed(int n = 0)
    {
        var count = n > 0 ? Math.Min(n, Count) : Count;
        return DiscreteNetwork.Pack(First(count), count, InputBits);
    }
}
