namespace GateForge.Ir.Passes;

/// <summary>
/// What every pass may use besides its input: a log, a cancellation token and the options that the
/// caller (the CLI, a test) sets once for a whole pipeline.
/// </summary>
public sealed class PassContext
{
    public PassContext(TextWriter? log = null, CancellationToken cancellation = default)
    {
        Log = log ?? TextWriter.Null;
        Cancellation = cancellation;
    }

    /// <summary>Where passes and the pass manager write what they did (never null; TextWriter.Null by default).</summary>
    public TextWriter Log { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Input bits the caller declares constant (opt-in). <c>const-fold</c> substitutes them and records
    /// them in the netlist's <see cref="Netlist.Constraints"/>, so that equivalence is checked under them.
    /// </summary>
    public IReadOnlyList<InputConstraint> Constraints { get; init; } = [];

    /// <summary>Folder for external tools' scratch files (the <c>abc</c> pass); the system temp folder when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The ABC executable, looked up on PATH (default: the one <see cref="Tools.Abc"/> finds).</summary>
    public string AbcExecutable { get; init; } = Tools.Abc.Executable;

    /// <summary>Time limit for one external tool run.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
