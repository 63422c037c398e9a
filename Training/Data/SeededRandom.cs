namespace GateForge.Training.Data;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by this code alone (not by the .NET
/// version), so seeded subsets, shuffles and holdouts are the same everywhere.
/// </summary>
public sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in 0..n-1 (n ≥ 1), by rejection so that no value is favoured.</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var bound = (ulong)n;
        var limit = ulong.MaxValue - ulong.MaxValue % bound;
        ulong x;
        do
            x = NextUInt64();
        while (x >= limit);
        return (int)(x % bound);
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (var i = 0; i < n; i++)
            p[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    /// <summary><paramref name="k"/> distinct values of 0..n-1, in increasing order.</summary>
    public int[] SortedSample(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var chosen = Permutation(n)[..k];
        Array.Sort(chosen);
        return chosen;
    }
}
