using System.Globalization;

namespace GateForge.Training.Models;

/// <summary>
/// The <c>recurrent</c> section of a model config (SPEC §8): a step network of dense logic layers
/// over [x_t, h_{t−1}] whose last layer (<see cref="Hidden"/> neurons) is h_t, and a readout of
/// dense layers plus the GroupSum head over h_T. The config's <c>layers</c>/<c>neurons</c> are not
/// used by a recurrent model.
/// </summary>
public sealed record RecurrentConfig
{
    public const string SequenceRows = "rows";

    /// <summary>Hidden-state bits (latches in hardware).</summary>
    public int Hidden { get; init; } = 16;
    /// <summary>Widths of the step network's layers before the last one (which has <see cref="Hidden"/> neurons); each ≥ Hidden.</summary>
    public int[] StepLayers { get; init; } = [64];
    /// <summary>Widths of the readout's layers over h_T; the last is a multiple of the class count.</summary>
    public int[] Readout { get; init; } = [64];
    /// <summary>
    /// Residual state path: neuron j &lt; Hidden of every step layer takes h_{t−1}[j] (or the previous
    /// layer's neuron j) as its input A, so that with <c>init: residual</c> (pass-through gate A)
    /// the step network starts as h_t = h_{t−1} and the gradient reaches early steps undamped.
    /// </summary>
    public bool StateResidual { get; init; } = true;
    /// <summary>
    /// Straight-through state: h_t is rounded to 0/1 in the forward pass (the gradient passes as if it
    /// were the soft value), so training carries the same binary state as the frozen circuit's latches.
    /// Without it a soft state drifts from the discrete one over 28 steps: row-MNIST with iwp, no
    /// Gumbel, reached 72.0 % soft but 10.75 % discrete (every image in one class).
    /// </summary>
    public bool StateStraightThrough { get; init; }
    /// <summary>
    /// State shift s (0: off): the state is a delay line of per-step features. On the residual state
    /// path, neuron j ≥ s of the step network carries h_{t−1}[j − s] instead of h_{t−1}[j] through
    /// pass-through gates fixed for the whole training (<see cref="RecurrentModel.DelayLineLogit"/>:
    /// wires in hardware), so each step moves the state s bits along; bits 0..s−1 are new features of
    /// the step, computed from x_t and the previous step's features h_{t−1}[0..s) (the first step
    /// layer's other neurons read only those). After
    /// T steps, h_T holds the features of the last ⌊hidden / s⌋ steps, each at its own place, so the
    /// readout sees where in the sequence a feature occurred, which a state that every step rewrites
    /// in place does not keep (row-MNIST: see docs/ARCHITECTURE.md). Needs <see cref="StateResidual"/>.
    /// </summary>
    public int StateShift { get; init; }
    /// <summary>
    /// <c>local</c>: the step network is one layer of 2 × hidden neurons and the state layer, wired as a
    /// one-dimensional cellular automaton: neuron 2j reads (x_t[j mod F], h_{t−1}[j−1]) and neuron
    /// 2j+1 reads (x_t[j mod F], h_{t−1}[j+1]) (at the ends the missing neighbour is h_{t−1}[j]
    /// itself), and state bit j reads neurons 2j and 2j+1. Each state bit can then become
    /// "x ? left : right" or its negation, which is what a counter kept as a thermometer code needs
    /// (stream-majority: see docs/ARCHITECTURE.md); the gates themselves are learned. It wires the
    /// state path itself, so it needs <c>stateResidual: false</c> and no shift.
    /// </summary>
    public StateWiring StateWiring { get; init; } = StateWiring.Random;
    /// <summary><c>rows</c>: image data read one pixel row per step (T = H, F = W × encoderBits); null for sequence data sets.</summary>
    public string? Sequence { get; init; }

    /// <summary>Neuron counts of the step network's layers, the last = <see cref="Hidden"/>.</summary>
    public int[] StepWidths() => [.. StepLayers, Hidden];

    /// <summary>Total number of layers (step network, then readout), as stored in a checkpoint.</summary>
    public int LayerCount => StepLayers.Length + 1 + Readout.Length;

    /// <summary>The architecture as one line, compared when resuming.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"hidden {Hidden}, step [{string.Join(',', StepLayers)}], readout [{string.Join(',', Readout)}], stateResidual {StateResidual}, sequence {Sequence ?? "none"}{(StateStraightThrough ? ", stateStraightThrough" : "")}{(StateShift > 0 ? $", stateShift {StateShift}" : "")}{(StateWiring == StateWiring.Local ? $", stateWiring {StateWiringNames.Local}" : "")}");

    /// <summary>Throws <see cref="TrainingException"/> naming the first bad setting.</summary>
    public void Validate(int classes)
    {
        Check(Hidden >= 1, "recurrent.hidden must be at least 1");
        Check(StepLayers is not null && Readout is not null, "recurrent.stepLayers and recurrent.readout must be lists");
        Check(StepLayers!.All(w => w >= Hidden), $"recurrent.stepLayers: every width must be at least hidden ({Hidden})");
        Check(Readout!.Length >= 1, "recurrent.readout needs at least one layer");
        Check(Readout.All(w => w >= 1), "recurrent.readout widths must be positive");
        Check(Readout[^1] % classes == 0, $"recurrent.readout: the last width ({Readout[^1]}) must be a multiple of classes ({classes})");
        Check(StateShift >= 0 && StateShift < Hidden, $"recurrent.stateShift must be at least 0 and less than hidden ({Hidden})");
        Check(StateShift == 0 || StateResidual, "recurrent.stateShift needs recurrent.stateResidual");
        // System.Text.Json reads a number for an enum too
        Check(Enum.IsDefined(StateWiring), $"recurrent.stateWiring must be {StateWiringNames.Choices}");
        if (StateWiring == StateWiring.Local)
        {
            Check(StepLayers!.Length == 1 && StepLayers[0] == 2 * Hidden,
                $"recurrent.stateWiring local: stepLayers must be [{2 * Hidden}] (2 × hidden: a left and a right neuron per state bit)");
            // a shift needs the residual state path (checked above), so this also rules out a shift
            Check(!StateResidual, "recurrent.stateWiring local wires the state path itself: set recurrent.stateResidual to false");
        }
        Check(Sequence is null or SequenceRows, $"recurrent.sequence '{Sequence}': expected rows or nothing");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
            throw new TrainingException(message);
    }
}
