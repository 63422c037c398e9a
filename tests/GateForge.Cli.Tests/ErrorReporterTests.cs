namespace GateForge.Cli.Tests;

/// <summary>The one stderr line and the exit code for an error that escaped a verb.</summary>
public sealed class ErrorReporterTests
{
    private static (int Code, string[] Lines) Report(Exception error, bool stopping, params string[] completed)
    {
        var err = new StringWriter();
        var code = ErrorReporter.Report(error, err, verbose: false, completed, stopping);
        return (code, err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_missing_path_is_bad_input_while_the_process_runs()
    {
        var (code, lines) = Report(new DirectoryNotFoundException("Could not find a part of the path '/x/.ck2.tmp-1-abcdef01/model.bin'."), stopping: false);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("gateforge: Could not find a part of the path", Assert.Single(lines), StringComparison.Ordinal);
    }

    // CI saw this: the second Ctrl-C removed the checkpoint's temporary folder while it was being
    // written, and the writer's DirectoryNotFoundException came out as the run's one line.
    [Fact]
    public void Any_error_after_the_second_ctrl_c_is_the_stop()
    {
        var (code, lines) = Report(new DirectoryNotFoundException("Could not find a part of the path '/x/.ck2.tmp-1-abcdef01/model.bin'."), stopping: true);
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("gateforge: cancelled; no output was written", Assert.Single(lines));

        (code, lines) = Report(new IOException("Directory not empty"), stopping: true, "/x/ck/config.json");
        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Equal("gateforge: cancelled; /x/ck/config.json had already been written in full", Assert.Single(lines));
    }
}
