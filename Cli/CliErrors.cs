namespace GateForge.Cli;

/// <summary>The exit codes of every verb.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>
    /// A verification (equivalence check, accuracy check) failed, or work the command ran failed
    /// without its input being wrong (points of a `sweep --slurm` whose tasks failed: a rerun retries them).
    /// </summary>
    public const int VerificationFailed = 1;
    /// <summary>Bad usage or bad input: missing file, wrong file type, impossible option.</summary>
    public const int BadInput = 2;
    /// <summary>A bug in GateForge (an exception nobody expected).</summary>
    public const int InternalError = 3;
    /// <summary>Cancelled with Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
