using GateForge.Ir;

namespace GateForge.Sim;

/// <summary>The kinds of check a caller can turn off (<see cref="EquivalenceOptions.CheckC"/> …).</summary>
public enum EquivalenceTool
{
    C,
    Icarus,
    Verilator,
    /// <summary>The ABC <c>cec</c> checks.</summary>
    Formal,
}

/// <summary>What <see cref="EquivalenceHarness"/> checks and on which vectors.</summary>
public sealed record EquivalenceOptions
{
    /// <summary>Seeded random vectors added to the given ones (constrained input bits held at their value).</summary>
    public int RandomVectors { get; init; } = 2000;
    public int Seed { get; init; } = 1;
    /// <summary>
    /// Given vectors (the test set), one row per data input bit (all input buses but <c>in_valid</c>).
    /// Null: the design folder's <c>vectors_in.hex</c> when there is one.
    /// </summary>
    public PackedBits? Vectors { get; init; }
    /// <summary>
    /// The trained model in discrete mode: data inputs → outputs (buses concatenated, as
    /// <see cref="CombEvaluator.Evaluate"/> returns them). When given, it is the golden reference.
    /// </summary>
    public Func<PackedBits, PackedBits>? Reference { get; init; }
    /// <summary>At most this many vectors go to the HDL simulators (they run one vector at a time).</summary>
    public int HdlVectors { get; init; } = 1000;
    public bool CheckC { get; init; } = true;
    public bool CheckIcarus { get; init; } = true;
    public bool CheckVerilator { get; init; } = true;
    public bool CheckFormal { get; init; } = true;
    /// <summary>
    /// Why a check kind turned off above (<see cref="CheckC"/> … false) is off: each of its checks is
    /// still reported, as skipped with this reason (default "turned off"), instead of vanishing.
    /// </summary>
    public IReadOnlyDictionary<EquivalenceTool, string> OffReasons { get; init; } = new Dictionary<EquivalenceTool, string>();

    /// <summary>Whether checks of <paramref name="tool"/> run.</summary>
    public bool Runs(EquivalenceTool tool) => tool switch
    {
        EquivalenceTool.C => CheckC,
        EquivalenceTool.Icarus => CheckIcarus,
        EquivalenceTool.Verilator => CheckVerilator,
        _ => CheckFormal,
    };
    /// <summary>How many of a design folder's checks run at once (default: the cores, at most 4).</summary>
    public int Parallelism { get; init; } = Math.Clamp(Environment.ProcessorCount, 1, 4);
    /// <summary>Limit for each external tool run.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Where scratch folders go (default: the system temp folder). They are removed afterwards.</summary>
    public string? ScratchRoot { get; init; }
}
