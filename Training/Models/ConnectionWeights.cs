namespace GateForge.Training.Models;

/// <summary>
/// Learned connections of a dense layer (config <c>connectionCandidates</c> K &gt; 1): input A of
/// neuron n chooses among the K inputs <c>CandidatesA[n·K .. n·K+K)</c> and input B among
/// <c>CandidatesB</c>'s, by a softmax over <c>LogitsA</c>/<c>LogitsB</c> (neurons × K) in training and by
/// the largest logit in discrete mode (ties → the first candidate, the layer's drawn wiring). So the
/// frozen layer is an ordinary dense layer with the chosen wires; only training and checkpoints
/// carry the candidates.
/// </summary>
public sealed record ConnectionWeights(int Candidates, int[] CandidatesA, int[] CandidatesB, float[] LogitsA, float[] LogitsB)
{
    /// <summary>Largest K a config may ask for.</summary>
    public const int MaxCandidates = 64;

    public int Neurons => CandidatesA.Length / Candidates;

    /// <summary>The inputs the neurons read in discrete mode.</summary>
    public int[] ChosenA() => Choose(CandidatesA, LogitsA, Candidates);
    public int[] ChosenB() => Choose(CandidatesB, LogitsB, Candidates);

    /// <summary>
    /// K candidates per input of each neuron: the drawn wiring (<paramref name="a"/>, <paramref name="b"/>)
    /// first, then K − 1 inputs drawn uniformly; logits 0, so the discrete layer starts as the drawn wiring.
    /// </summary>
    public static ConnectionWeights Draw(int[] a, int[] b, int inputs, int k, Random rng)
    {
        int[] Candidates(int[] first)
        {
            var c = new int[first.Length * k];
            for (var n = 0; n < first.Length; n++)
            {
                c[n * k] = first[n];
                for (var j = 1; j < k; j++)
                    c[n * k + j] = rng.Next(inputs);
            }
            return c;
        }
        var ca = Candidates(a);
        var cb = Candidates(b);
        return new ConnectionWeights(k, ca, cb, new float[ca.Length], new float[cb.Length]);
    }

    private static int[] Choose(int[] candidates, float[] logits, int k)
    {
        var chosen = new int[candidates.Length / k];
        for (var n = 0; n < chosen.Length; n++)
        {
            var best = 0;
            for (var j = 1; j < k; j++)
                if (logits[n * k + j] > logits[n * k + best])
                    best = j;
            chosen[n] = candidates[n * k + best];
        }
        return chosen;
    }
}
