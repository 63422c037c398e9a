using System.CommandLine;
using System.Globalization;

namespace GateForge.Cli;

/// <summary>The <c>gateforge</c> command. <see cref="Run"/> is the in-process entry tests use.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (cancel.IsCancellationRequested)
            {
                // A second Ctrl-C stops the process at once and nothing unwinds: the tools go (a
                // verilator build outlived `kill -INT` twice) and the temporaries go here (17 of 190
                // double Ctrl-C runs of emit left .name.tmp-PID-HEX folders before).
                Ir.Tools.Slurm.CancelAll(); // a sweep's job array (scancel, before KillAll refuses new tool runs)
                Ir.Tools.ExternalTool.KillAll();
                Ir.AtomicOutput.StopWriting();
                return;
            }
            // One Ctrl-C, one line: the command's own "cancelled; ..." (it printed three before).
            e.Cancel = true;
            cancel.Cancel();
        }
        Console.CancelKeyPress += OnCancel;
        try
        {
            return Run(args, Console.Out, Console.Error, cancel.Token, interactive: !Console.IsErrorRedirected);
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Runs one command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default) =>
        Run(args, stdout, stderr, cancellation, interactive: false);

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation, bool interactive)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var completedBefore = Ir.AtomicOutput.CompletedOutputs.Count;
        var context = new CliContext(stdout, stderr, cancellation, interactive);
        var root = CommandTree.Build(context);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue(CommandTree.Verbose);
        context.Quiet = parse.GetValue(CommandTree.Quiet);
        if (parse.Errors.Count > 0 && parse.CommandResult.Command == root && parse.UnmatchedTokens.Count > 0)
        {
            stderr.WriteLine($"gateforge: unknown command '{parse.UnmatchedTokens[0]}' (commands: {string.Join(", ", root.Subcommands.Select(c => c.Name))}; see `gateforge --help`)");
            return ExitCodes.BadInput;
        }
        if (parse.Errors.Count > 0)
        {
            var verb = parse.CommandResult.Command == root ? "" : " " + parse.CommandResult.Command.Name;
            stderr.WriteLine($"gateforge: {parse.Errors[0].Message} (see `gateforge{verb} --help`)");
            return ExitCodes.BadInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception error)
        {
            return ErrorReporter.Report(error, stderr, context.Verbose, [.. Ir.AtomicOutput.CompletedOutputs.Skip(completedBefore)], Ir.AtomicOutput.IsStopping);
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }
}
