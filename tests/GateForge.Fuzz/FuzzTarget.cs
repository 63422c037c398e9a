namespace GateForge.Fuzz;

/// <summary>
/// One reader under fuzzing: valid files to mutate, a structure-aware generator, the call that
/// reads bytes, and the exception types the reader documents for bad input.
/// </summary>
public sealed class FuzzTarget
{
    public required string Name { get; init; }
    /// <summary>Valid inputs (each is read without error) that mutation starts from.</summary>
    public required IReadOnlyList<byte[]> Seeds { get; init; }
    /// <summary>A new input built from the format's grammar (mostly near-valid).</summary>
    public required Func<Random, byte[]> Generate { get; init; }
    /// <summary>Reads one input; throws on bad input.</summary>
    public required Action<byte[]> Read { get; init; }
    /// <summary>The exception types that mean "refused as bad input".</summary>
    public required IReadOnlyList<Type> Documented { get; init; }
}
