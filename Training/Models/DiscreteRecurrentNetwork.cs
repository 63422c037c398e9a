using GateForge.Ir;
using GateForge.Ir.Sequences;
using GateForge.Training.Data;

namespace GateForge.Training.Models;

/// <summary>
/// A recurrent network in discrete mode (SPEC §8): the step network (inputs [x_t, h_{t−1}], outputs
/// h_t) and the readout (a <see cref="DiscreteNetwork"/> with its GroupSum head over h_T).
/// Evaluation is bit-parallel over samples and step by step: at step t every sample still running
/// advances its state, the others keep theirs. This is the reference of every sequential check.
/// </summary>
public sealed class DiscreteRecurrentNetwork
{
    public DiscreteRecurrentNetwork(int stepBits, int hidden, int classes, IReadOnlyList<DiscreteLayer> step, IReadOnlyList<DiscreteLayer> readout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepBits, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        Step = new DiscreteNetwork(stepBits + hidden, 1, step);
        if (Step.OutputBits != hidden)
            throw new ArgumentException($"the step network makes {Step.OutputBits} bits, the state has {hidden}", nameof(step));
        Readout = new DiscreteNetwork(hidden, classes, readout);
        StepBits = stepBits;
        Hidden = hidden;
    }

    /// <summary>The network of a recurrent config's weights (step layers, then readout layers).</summary>
    public static DiscreteRecurrentNetwork FromWeights(ModelConfig config, int stepBits, IReadOnlyList<LayerWeights> weights)
    {
        var r = config.Recurrent ?? throw new TrainingException("not a recurrent config");
        var iwp = config.Parametrization == ModelConfig.Iwp;
        var layers = weights.Select(w => DiscreteLayer.FromWeights(w, iwp)).ToList();
        var stepCount = r.StepWidths().Length;
        return new DiscreteRecurrentNetwork(stepBits, r.Hidden, config.Classes, layers.Take(stepCount).ToList(), layers.Skip(stepCount).ToList());
    }

    /// <summary>F: input bits per step.</summary>
    public int StepBits { get; }
    /// <summary>Hidden-state bits.</summary>
    public int Hidden { get; }
    /// <summary>Inputs [x_t, h_{t−1}] → h_t (a one-class network: its head is unused).</summary>
    public DiscreteNetwork Step { get; }
    /// <summary>h_T → scores and class.</summary>
    public DiscreteNetwork Readout { get; }
    public int Classes => Readout.Classes;
    /// <summary>Gates of the step network and the readout layers (the head not counted).</summary>
    public int GateCount => Step.GateCount + Readout.GateCount;

    /// <summary>
    /// One step for many samples: the next state from <paramref name="x"/> (F rows) and
    /// <paramref name="state"/> (Hidden rows); samples whose bit in <paramref name="active"/>
    /// (one word per 64 samples) is 0 keep their state.
    /// </summary>
    public PackedBits Advance(PackedBits x, PackedBits state, ReadOnlySpan<ulong> active)
    {
        if (x.Signals != StepBits || state.Signals != Hidden || x.Samples != state.Samples)
            throw new ArgumentException($"expected {StepBits} input rows and {Hidden} state rows over the same samples");
        var words = x.Words;
        var inputs = new PackedBits(StepBits + Hidden, x.Samples);
        Array.Copy(x.Data, inputs.Data, x.Data.Length);
        Array.Copy(state.Data, 0, inputs.Data, (long)StepBits * words, state.Data.Length);
        var next = Step.EvaluateLayers(inputs);
        for (var j = 0; j < Hidden; j++)
        {
            var n = next.Row(j);
            var s = state.Row(j);
            for (var w = 0; w < words; w++)
                n[w] = (n[w] & active[w]) | (s[w] & ~active[w]);
        }
        return next;
    }

    /// <summary>h_T of every sequence of <paramref name="set"/> (Hidden rows × sequences).</summary>
    public PackedBits FinalState(BitSequences set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.StepBits != StepBits)
            throw new ArgumentException($"sequences have {set.StepBits} bits per step, the network takes {StepBits}", nameof(set));
        var n = set.Count;
        var maxLength = n == 0 ? 0 : set.Lengths.Max();
        var state = new PackedBits(Hidden, n);
        for (var t = 0; t < maxLength; t++)
        {
            var x = new PackedBits(StepBits, n);
            var active = new ulong[x.Words];
            for (var s = 0; s < n; s++)
            {
                if (t >= set.Lengths[s])
                    continue;
                active[s >> 6] |= 1UL << (s & 63);
                var bits = set.Step(s, t);
                for (var i = 0; i < StepBits; i++)
                    if (bits[i] != 0)
                        x.Set(i, s, true);
            }
            state = Advance(x, state, active);
        }
        return state;
    }

    /// <summary>Scores (samples × classes) and classes of every sequence.</summary>
    public (int[] Scores, int[] ClassId) Predict(SequenceSet set) => Readout.Predict(FinalState(set.Inputs));

    /// <summary>The netlist's outputs at <c>out_valid</c> (the <c>scores</c> bus, then <c>class_id</c>) for every sequence.</summary>
    public PackedBits PredictPacked(BitSequences set) => Readout.PredictPacked(FinalState(set));

    /// <summary><see cref="PredictPacked"/> as the reference of a sequential check.</summary>
    public Func<BitSequences, PackedBits> AsEvaluator() => PredictPacked;
}
