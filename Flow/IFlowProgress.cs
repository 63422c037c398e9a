using System.Globalization;

namespace GateForge.Flow;

/// <summary>
/// Where the stages report: stage headings, result lines, progress of long work. The CLI renders it
/// (headings and lines on stdout, one progress line on stderr); <see cref="SilentProgress"/> drops it all.
/// </summary>
public interface IFlowProgress
{
    CancellationToken Cancellation { get; }
    /// <summary>The pass manager's log, one line per pass (<see cref="TextWriter.Null"/> for none).</summary>
    TextWriter PassLog { get; }
    /// <summary>Where asked-for netlist dumps are printed: the pass log unless the renderer keeps them when it is quiet (the CLI's <c>-q</c>).</summary>
    TextWriter DumpLog => PassLog;
    /// <summary>A stage starts (the CLI prints <c>== name</c>).</summary>
    void Stage(string name);
    /// <summary>A result line.</summary>
    void Line(string text);
    /// <summary>A progress bar for work that counts its steps.</summary>
    IProgressBar Bar(string label);
    /// <summary>Elapsed-time progress for work that reports none itself (an external tool, the harness).</summary>
    IDisposable Heartbeat(string label, string detail);
}

/// <summary>One progress bar of an <see cref="IFlowProgress"/>.</summary>
public interface IProgressBar : IDisposable
{
    /// <summary>
    /// <paramref name="done"/> of <paramref name="total"/> (0: unknown) with a detail text; a
    /// <paramref name="keep"/> report (an evaluation result) is never throttled away.
    /// </summary>
    void Report(long done, long total, string detail = "", bool keep = false);
}

/// <summary>Progress that goes nowhere (tests, benchmarks), with an optional cancellation token.</summary>
public sealed class SilentProgress(CancellationToken cancellation = default) : IFlowProgress, IProgressBar
{
    public static SilentProgress Instance { get; } = new();

    public CancellationToken Cancellation => cancellation;
    public TextWriter PassLog => TextWriter.Null;
    public void Stage(string name) { }
    public void Line(string text) { }
    public IProgressBar Bar(string label) => this;
    public IDisposable Heartbeat(string label, string detail) => this;
    public void Report(long done, long total, string detail = "", bool keep = false) { }
    public void Dispose() { }
}

/// <summary>How the stages write durations: <c>12.3 s</c>.</summary>
public static class Durations
{
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
