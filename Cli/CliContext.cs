using GateForge.Flow;

namespace GateForge.Cli;

/// <summary>What every verb gets: where to print, whether to be verbose, and the Ctrl-C token.</summary>
internal sealed class CliContext : IFlowProgress
{
    public CliContext(TextWriter stdout, TextWriter stderr, CancellationToken cancellation, bool interactive)
    {
        (Out, Err, Cancellation, Interactive) = (stdout, stderr, cancellation, interactive);
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public CancellationToken Cancellation { get; }
    /// <summary>stderr is a terminal: progress redraws one line instead of printing many.</summary>
    public bool Interactive { get; }
    public bool Verbose { get; set; }
    public bool Quiet { get; set; }

    public void Line(string text) => Out.WriteLine(text);

    public TextWriter PassLog => Quiet ? TextWriter.Null : Out;

    /// <summary>An asked-for dump is printed even with -q.</summary>
    public TextWriter DumpLog => Out;

    /// <summary>A stage heading on stdout (`== freeze`).</summary>
    public void Stage(string name)
    {
        if (!Quiet)
            Out.WriteLine($"== {name}");
    }

    public IProgressBar Bar(string label) => Progress(label);

    public ProgressLine Progress(string label) => new(Err, label, Interactive && !Quiet, Quiet);

    /// <summary>Elapsed-time progress for work that reports none itself.</summary>
    public IDisposable Heartbeat(string label, string detail) =>
        new Heartbeat(Progress(label), detail, Interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));

    public static string Seconds(TimeSpan t) => Durations.Seconds(t);
}
