namespace GateForge.Cli;

/// <summary>
/// Progress for work that reports none itself (an external tool run, the equivalence harness): a
/// timer prints the elapsed time on the progress line until disposed.
/// </summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly ProgressLine _line;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private bool _stopped;

    public Heartbeat(ProgressLine line, string detail, TimeSpan period)
    {
        _line = line;
        _timer = new Timer(_ =>
        {
            lock (_gate)
            {
                if (!_stopped)
                    _line.Report(0, 0, detail);
            }
        }, null, period, period);
    }

    public void Dispose()
    {
        lock (_gate)
            _stopped = true;
        _timer.Dispose();
        _line.Dispose();
    }
}
