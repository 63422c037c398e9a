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

/// <summary>Ctrl-C stopped a stage that kept something worth saying (the CLI exits 130 with this message).</summary>
public sealed class StageCancelledException : OperationCanceledException
{
    public StageCancelledException(string message) : base(message) { }
}

/// <summary>
/// Work the command started did not all succeed, through no fault of its input (points of a Slurm
/// sweep that failed on the cluster); what failed is already reported, the message says how to go
/// on (the CLI exits 1).
/// </summary>
public sealed class SweepFailedException : Exception
{
    public SweepFailedException(string message) : base(message) { }
}
