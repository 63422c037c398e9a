namespace GateForge.Fuzz;

/// <summary>What one input did to a reader.</summary>
public enum FuzzOutcome
{
    /// <summary>Read without error.</summary>
    Accepted,
    /// <summary>Refused with one of the reader's documented exception types, in one short line.</summary>
    Refused,
    /// <summary>Refused with a documented type, but on several lines or at a length no user should read.</summary>
    MultiLineError,
    /// <summary>Any other exception: a bug (the CLI would exit 3).</summary>
    Crash,
    /// <summary>Ran past the per-input time limit.</summary>
    Hang,
}
