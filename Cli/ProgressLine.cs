using System.Diagnostics;
using System.Globalization;

using GateForge.Flow;

namespace GateForge.Cli;

/// <summary>
/// Progress of long work on stderr. On a terminal one line is redrawn in place; otherwise (a pipe,
/// a log, a test) a line is printed at most every few seconds so logs stay short.
/// </summary>
internal sealed class ProgressLine : IProgressBar
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly TextWriter _err;
    private readonly string _label;
    private readonly bool _redraw;
    private readonly bool _silent;
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan? _lastPrint;
    private int _lastWidth;
    private string _last = "";

    public ProgressLine(TextWriter err, string label, bool redraw, bool silent)
    {
        _err = err;
        _label = label;
        _redraw = redraw;
        _silent = silent;
    }

    /// <summary>
    /// Reports <paramref name="done"/> of <paramref name="total"/> (total 0: unknown) with a detail
    /// text. A <paramref name="keep"/> report (an evaluation result) is never skipped by the
    /// throttle and stays on its own line on a terminal.
    /// </summary>
    public void Report(long done, long total, string detail = "", bool keep = false)
    {
        if (_silent)
            return;
        var now = _watch.Elapsed;
        var final = total > 0 && done >= total;
        if (!final && !keep && _lastPrint is { } last && now - last < (_redraw ? RedrawInterval : LogInterval))
            return;
        _lastPrint = now;
        var pct = total > 0 ? $" {100.0 * done / total,5:0.0}%" : "";
        var count = total > 0 ? $" {done}/{total}" : "";
        var text = string.Create(CultureInfo.InvariantCulture, $"  {_label}{pct}{count} {detail} [{CliContext.Seconds(now)}]");
        _last = text;
        if (_redraw && keep)
        {
            _err.WriteLine("\r" + text.PadRight(_lastWidth));
            _lastWidth = 0;
            _last = "";
        }
        else if (_redraw)
        {
            _err.Write("\r" + text.PadRight(_lastWidth));
            _lastWidth = text.Length;
        }
        else
        {
            _err.WriteLine(text);
        }
    }

    public void Dispose()
    {
        if (_redraw && _last.Length > 0)
            _err.WriteLine();
    }
}
