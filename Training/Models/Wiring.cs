namespace GateForge.Training.Models;

/// <summary>How a layer's neurons pick their two inputs from the previous layer's outputs.</summary>
public static class Wiring
{
    public const string Random = "random";
    public const string Unique = "unique";

    /// <summary>
    /// Inputs a[i], b[i] of <paramref name="neurons"/> neurons over <paramref name="inputs"/> outputs.
    /// <c>random</c>: each input drawn independently and uniformly. <c>unique</c>: the 2n slots are
    /// filled from shuffled rounds of all inputs (as difflogic does), so every input is used
    /// ⌊2n/inputs⌋ or ⌈2n/inputs⌉ times; a neuron never gets the same input twice when inputs &gt; 1.
    /// </summary>
    public static (int[] A, int[] B) Make(string kind, int inputs, int neurons, Random rng)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        var a = new int[neurons];
        var b = new int[neurons];
        switch (kind)
        {
            case Random:
                for (var i = 0; i < neurons; i++)
                {
                    a[i] = rng.Next(inputs);
                    b[i] = rng.Next(inputs);
                }
                break;
            case Unique:
                var slots = new int[2 * neurons];
                var round = new int[inputs];
                for (var filled = 0; filled < slots.Length; filled += inputs)
                {
                    for (var i = 0; i < inputs; i++)
                        round[i] = i;
                    rng.Shuffle(round);
                    Array.Copy(round, 0, slots, filled, Math.Min(inputs, slots.Length - filled));
                }
                for (var i = 0; i < neurons; i++)
                {
                    a[i] = slots[2 * i];
                    b[i] = slots[2 * i + 1];
                }
                if (inputs > 1)
                    SeparatePairs(a, b);
                break;
            default:
                throw new TrainingException($"wiring '{kind}': expected '{Random}' or '{Unique}'");
        }
        return (a, b);
    }

    // Swaps b between neurons whose two inputs coincide and a neighbour; keeps the usage counts.
    private static void SeparatePairs(int[] a, int[] b)
    {
        var n = a.Length;
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
                continue;
            for (var k = 1; k < n; k++)
            {
                var j = (i + k) % n;
                if (b[j] != a[i] && a[j] != b[i])
                {
                    (b[i], b[j]) = (b[j], b[i]);
                    break;
                }
            }
        }
    }
}
