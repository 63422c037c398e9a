namespace GateForge.Flow;

/// <summary>Bad usage or bad input to a stage; the message is the whole one-line error (the CLI exits 2).</summary>
public sealed class FlowUsageException : Exception
{
    public FlowUsageException(string message) : base(message) { }
    public FlowUsageException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A check failed; the stage has already reported what failed (the CLI exits 1).</summary>
public sealed class VerificationFailedException : Exception
{
    public VerificationFailedException(string message) : base(message) { }
}
