using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GateForge.Flow.Sweeps;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// <c>gateforge sweep --slurm</c> on a real one-node Slurm cluster (<see cref="SlurmCluster"/>; the
/// tests skip with its reason where it cannot start), run as a child process as a user would.
/// </summary>
public sealed class SweepSlurmTests(SlurmCluster cluster) : IClassFixture<SlurmCluster>
{
    internal static string TinyConfig([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "configs", "sweep-tiny.json"));

    private static string[] GateForgeErrors(CliResult r) => [.. r.ErrorLines.Where(l => l.StartsWith("gateforge: ", StringComparison.Ordinal))];

    [SkippableFact]
    public void A_failed_point_is_reported_a_rerun_retries_only_it_and_the_next_rerun_reuses_all()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        using var dir = new TempDir("gf-cli-slurm");
        var config = TinyConfig();
        var output = dir.File("out");
        // the planted fault: a file where point 2's folder goes, so that its task fails (as a full disk or a lost mount would)
        var points = SweepPoint.Expand(SweepConfig.Load(config), classes: 2, config);
        var blocked = Path.Combine(output, "points", points[1].FolderName);
        Directory.CreateDirectory(Path.GetDirectoryName(blocked)!);
        File.WriteAllText(blocked, "");

        var failed = CliRunner.ExpectProcess(ExitCodes.VerificationFailed, dir.Path, cluster.Environment, "sweep", config, "-o", output, "--slurm");
        Assert.Matches(new Regex(@"^submitted Slurm job \d+: 2 points as array 1-2 ", RegexOptions.Multiline), failed.Stdout);
        Assert.Matches(new Regex(@"^point 1/2: dense 3 x 60, 1 encoder bit, tau 3: discrete \d+\.\d\d% .* LUT6", RegexOptions.Multiline), failed.Stdout);
        var failure = Assert.Single(failed.Stdout.Split('\n'), l => l.Contains("FAILED", StringComparison.Ordinal));
        Assert.StartsWith("point 2/2 FAILED: dense 3 x 120, 1 encoder bit, tau 3: task FAILED, no result; point-2.log: gateforge: ", failure, StringComparison.Ordinal);
        Assert.EndsWith("is a file, not a folder", failure, StringComparison.Ordinal);
        Assert.Equal([$"gateforge: 1 of 2 points failed (logs in {Path.Combine(output, "slurm")}); rerun to retry them"], GateForgeErrors(failed));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(output, "results.csv")).Length); // the header and point 1

        File.Delete(blocked);
        var retried = CliRunner.ExpectProcess(ExitCodes.Ok, dir.Path, cluster.Environment, "sweep", config, "-o", output, "--slurm");
        Assert.Matches(new Regex(@"^point 1/2 \(reused\): ", RegexOptions.Multiline), retried.Stdout);
        Assert.Matches(new Regex(@"^submitted Slurm job \d+: 1 point as array 2 ", RegexOptions.Multiline), retried.Stdout);
        Assert.Matches(new Regex(@"^point 2/2: dense 3 x 120, 1 encoder bit, tau 3: discrete \d+\.\d\d% ", RegexOptions.Multiline), retried.Stdout);
        Assert.Contains("reused 1 finished point from ", retried.Stdout, StringComparison.Ordinal);
        Assert.Contains("Pareto front (discrete accuracy vs LUT6): point ", retried.Stdout, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --array=2\n", File.ReadAllText(Path.Combine(output, "slurm", "job.sh")), StringComparison.Ordinal);
        Assert.Empty(GateForgeErrors(retried));

        // the table is the points' own results, in grid order; the page is written
        var table = SweepTable.ParseJson(File.ReadAllText(Path.Combine(output, "results.json")));
        var saved = points.Select(p => SweepResult.TryLoad(Path.Combine(output, "points", p.FolderName, SweepResult.FileName))!).ToList();
        Assert.Equal(saved.Select(s => s.ToJson()), table.Select(t => t.ToJson()));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "results.csv")).Length);
        Assert.Contains("id=\"results-table\"", File.ReadAllText(Path.Combine(output, "sweep.html")), StringComparison.Ordinal);
        // no temporary of a task is left in the points folder
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(output, "points"), ".*"));

        var again = CliRunner.ExpectProcess(ExitCodes.Ok, dir.Path, cluster.Environment, "sweep", config, "-o", output, "--slurm");
        Assert.Contains($"reused 2 finished points from {output} (ran 0)", again.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("submitted", again.Stdout, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(1)]
    [InlineData(2)]
    public void Ctrl_C_while_the_job_runs_cancels_it_and_exits_130_with_one_line(int signals)
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        using var dir = new TempDir("gf-cli-slurm");
        var config = dir.File("long.json");
        // one point whose task trains for minutes unless cancelled
        File.WriteAllText(config, """{ "data": "monk1", "grid": { "layers": [2], "neurons": [40] }, "budget": { "steps": 10000000, "seconds": 300 } }""");
        var output = dir.File("out");
        var looked = Stopwatch.StartNew();
        bool TaskRuns(IReadOnlyCollection<string> _)
        {
            if (looked.Elapsed < TimeSpan.FromMilliseconds(500))
                return false;
            looked.Restart();
            var q = cluster.Client("squeue", "-h", "-t", "running", "-o", "%i");
            return q.Ok && q.Stdout.Trim().Length > 0;
        }
        var r = SignalledRun.Run(dir.Path, TaskRuns, signals, ["sweep", config, "-o", output, "--slurm"],
            environment: cluster.Environment.ToDictionary(e => e.Key, e => e.Value!), readyWithin: TimeSpan.FromSeconds(120));
        Assert.True(r.Signalled, r.ToString());
        Assert.True(r.ExitCode == ExitCodes.Cancelled, r.ToString());
        var lines = GateForgeErrors(new CliResult(r.ExitCode, r.Stdout, r.Stderr));
        if (signals == 1)
            Assert.Matches(new Regex(@"^gateforge: cancelled; Slurm job \d+ cancelled \(scancel\); 0 finished points kept in "), Assert.Single(lines));
        else // the second Ctrl-C stops at once: at most the one line, and the job is cancelled all the same
            Assert.True(lines.Length <= 1 && lines.All(l => l.StartsWith("gateforge: cancelled", StringComparison.Ordinal)), r.ToString());
        Assert.True(r.Survivors.Count == 0, r.ToString());
        // the job's task is gone from the running ones soon after (scancel signals it)
        var watch = Stopwatch.StartNew();
        string active;
        do
        {
            Thread.Sleep(250);
            active = cluster.Client("squeue", "-h", "-o", "%i %T").Stdout.Trim();
        }
        while (active.Length > 0 && watch.Elapsed < TimeSpan.FromSeconds(40));
        Assert.True(active.Length == 0, "still in the queue: " + active);
    }

    [SkippableFact]
    public void A_partition_sbatch_refuses_exits_2_with_its_reason_and_leaves_no_folder()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        using var dir = new TempDir("gf-cli-slurm");
        var r = CliRunner.ExpectProcess(ExitCodes.BadInput, dir.Path, cluster.Environment,
            "sweep", TinyConfig(), "-o", dir.File("out"), "--slurm", "--slurm-partition", "nosuch");
        Assert.Equal(["gateforge: sbatch refused the job: invalid partition specified: nosuch"], r.ErrorLines);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [SkippableFact]
    public void A_rerun_while_the_earlier_job_still_runs_exits_2_with_one_line_and_submits_nothing()
    {
        Skip.If(cluster.SkipReason is not null, cluster.SkipReason);
        using var dir = new TempDir("gf-cli-slurm");
        var output = dir.File("out");
        // the job of an earlier run whose submitter was killed (SIGKILL: nothing cancelled it)
        var earlier = cluster.Client("sbatch", "--parsable", "--array=1", "--output=/dev/null", "--wrap", "sleep 120");
        Assert.True(earlier.Ok, earlier.Output);
        var job = earlier.Stdout.Trim();
        try
        {
            Directory.CreateDirectory(Path.Combine(output, "slurm"));
            File.WriteAllText(Path.Combine(output, "slurm", Flow.DesignFlow.SweepJobIdFile), job + "\n");
            var r = CliRunner.ExpectProcess(ExitCodes.BadInput, dir.Path, cluster.Environment, "sweep", TinyConfig(), "-o", output, "--slurm");
            Assert.Equal([$"gateforge: Slurm job {job} of an earlier run into {output} still has 1 task: wait for it or `scancel {job}`, then rerun"], r.ErrorLines);
            Assert.False(File.Exists(Path.Combine(output, "slurm", Flow.DesignFlow.SweepJobScript)));
            Assert.Equal(job, cluster.Client("squeue", "-h", "-o", "%F").Stdout.Trim());
        }
        finally
        {
            cluster.Client("scancel", job);
        }
    }
}

/// <summary><c>sweep --slurm</c> and <c>--point</c> where no cluster is needed: the missing tool, one point alone, bad combinations.</summary>
public sealed class SweepPointTests
{
    [Fact]
    public void Without_sbatch_on_PATH_slurm_exits_2_with_one_line_and_writes_nothing()
    {
        using var dir = new TempDir("gf-cli-slurm");
        var empty = Directory.CreateDirectory(dir.File("bin")).FullName;
        var r = CliRunner.ExpectProcess(ExitCodes.BadInput, dir.Path, new Dictionary<string, string?> { ["PATH"] = empty },
            "sweep", SweepSlurmTests.TinyConfig(), "-o", dir.File("out"), "--slurm");
        Assert.Equal(["gateforge: --slurm needs sbatch (slurm-wlm) on PATH"], r.ErrorLines);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Point_runs_one_point_into_its_folder_and_writes_no_table()
    {
        using var dir = new TempDir("gf-cli-slurm");
        var r = CliRunner.Expect(ExitCodes.Ok, dir.Path, "sweep", SweepSlurmTests.TinyConfig(), "-o", "{dir}/out", "--point", "2");
        Assert.Matches(new Regex(@"^point 2/2: dense 3 x 120, ", RegexOptions.Multiline), r.Stdout);
        Assert.DoesNotMatch(new Regex(@"^point 1/2", RegexOptions.Multiline), r.Stdout);
        var folder = Assert.Single(Directory.GetFileSystemEntries(dir.File("out/points")));
        Assert.StartsWith("dense-L3-N120-", Path.GetFileName(folder), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, SweepResult.FileName)));
        Assert.Equal(["points"], Directory.GetFileSystemEntries(dir.File("out")).Select(Path.GetFileName));

        var again = CliRunner.Expect(ExitCodes.Ok, dir.Path, "sweep", SweepSlurmTests.TinyConfig(), "-o", "{dir}/out", "--point", "2");
        Assert.Matches(new Regex(@"^point 2/2 \(reused\): ", RegexOptions.Multiline), again.Stdout);
    }

    [Theory]
    [InlineData("--point=3", "--point 3: ")]
    [InlineData("--point=0", "--point 0: ")]
    [InlineData("--point=1 --slurm", "--point runs one point here; it cannot be combined with --slurm")]
    [InlineData("--slurm-time=5", "--slurm-partition, --slurm-time and --sbatch-arg need --slurm")]
    public void A_bad_point_or_slurm_option_exits_2_with_one_line(string options, string expected)
    {
        using var dir = new TempDir("gf-cli-slurm");
        var r = CliRunner.Expect(ExitCodes.BadInput, dir.Path, ["sweep", SweepSlurmTests.TinyConfig(), "-o", "{dir}/out", .. options.Split(' ')]);
        Assert.Contains(expected, Assert.Single(r.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
