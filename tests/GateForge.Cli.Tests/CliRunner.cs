namespace GateForge.Cli.Tests;

/// <summary>Runs the CLI in-process, as a user would from a shell, and captures what it prints.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

internal static class CliRunner
{
    public static CliResult Run(string workDir, params string[] args) => Run(workDir, CancellationToken.None, args);

    public static CliResult Run(string workDir, CancellationToken cancellation, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run([.. args.Select(a => a.Replace("{dir}", workDir, StringComparison.Ordinal))], stdout, stderr, cancellation);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs the built CLI as a child process in <paramref name="currentFolder"/> (what a user in
    /// another folder sees: relative paths resolve there).
    /// </summary>
    public static CliResult RunProcess(string currentFolder, params string[] args) => RunProcess(currentFolder, null, args);

    /// <summary><see cref="RunProcess(string, string[])"/> with variables set (null: removed) in the child's environment.</summary>
    public static CliResult RunProcess(string currentFolder, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var dotnet = Ir.Tools.ExternalTool.Find("dotnet") ?? "dotnet";
        var r = Ir.Tools.ExternalTool.Run(dotnet, [typeof(Program).Assembly.Location, .. args], currentFolder, TimeSpan.FromMinutes(5), environment: environment);
        return new CliResult(r.ExitCode, r.Stdout, r.Stderr);
    }

    /// <summary><see cref="RunProcess(string, string[])"/>, failing the test with the CLI's output on another exit code.</summary>
    public static CliResult ExpectProcess(int exitCode, string currentFolder, params string[] args) => ExpectProcess(exitCode, currentFolder, null, args);

    /// <summary><see cref="ExpectProcess(int, string, string[])"/> with variables set in the child's environment.</summary>
    public static CliResult ExpectProcess(int exitCode, string currentFolder, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var r = RunProcess(currentFolder, environment, args);
        Assert.True(r.ExitCode == exitCode,
            $"(in {currentFolder}) gateforge {string.Join(' ', args)}: exit {r.ExitCode}, expected {exitCode}\nstdout:\n{r.Stdout}\nstderr:\n{r.Stderr}");
        return r;
    }

    /// <summary>Runs and fails the test with the CLI's output when the exit code is not the expected one.</summary>
    public static CliResult Expect(int exitCode, string workDir, params string[] args)
    {
        var r = Run(workDir, args);
        Assert.True(r.ExitCode == exitCode,
            $"gateforge {string.Join(' ', args)}: exit {r.ExitCode}, expected {exitCode}\nstdout:\n{r.Stdout}\nstderr:\n{r.Stderr}");
        return r;
    }
}
