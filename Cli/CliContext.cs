using System.Diagnostics;
using System.Globalization;

namespace GateForge.Cli;

/// <summary>What every verb gets: where to print, whether to be verbose, and the Ctrl-C token.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter stdout, TextWriter stderr, CancellationToken cancellation, bool interactive)
    {
        Out = stdout;
        Err = stderr;
        Cancellation = cancellation;
        Interactive = interactive;
    }

    public TextWriter Out { get; }
    public TextWriter Err { get; }
    public CancellationToken Cancellation { get; }
    /// <summary>stderr is a terminal: progress redraws one line instead of printing many.</summary>
    public bool Interactive { get; }
    public bool Verbose { get; set; }
    public bool Quiet { get; set; }

    public void Line(string text) => Out.WriteLine(text);

    /// <summary>A stage heading on stdout (`== freeze`), with the elapsed time when it ends.</summary>
    public StageTimer Stage(string name)
    {
        if (!Quiet)
            Out.WriteLine($"== {name}");
        return new StageTimer(name);
    }

    public ProgressLine Progress(string label) => new(Err, label, Interactive && !Quiet, Quiet);

    /// <summary>Elapsed-time progress for work that reports none itself.</summary>
    public Heartbeat Heartbeat(string label, string detail) =>
        new(Progress(label), detail, Interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}

/// <summary>Times one stage of a verb.</summary>
internal sealed class StageTimer
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public StageTimer(string name) => Name = name;

    public string Name { get; }
    public TimeSpan Elapsed => _watch.Elapsed;
}
