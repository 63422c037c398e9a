using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// A real one-node Slurm cluster for the tests (Debian's slurm-wlm and munge, the recipe of
/// shared/TOOLS.md), all of it in a temporary folder: its own munge key and socket, a slurm.conf on
/// free loopback ports that the daemons read with <c>-f</c> and the client commands through
/// <c>SLURM_CONF</c> (<see cref="Environment"/>), state, spool, logs and pid files. It starts as root
/// only (slurmd runs the jobs as their users); when it cannot start, <see cref="SkipReason"/> says why
/// and the tests skip with it. Disposing cancels what is left of its jobs and stops the daemons by pid.
/// </summary>
public sealed partial class SlurmCluster : IDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir = new("gf-slurm");
    private readonly List<string> _pidFiles = [];

    public SlurmCluster()
    {
        Conf = _dir.File("slurm.conf");
        Environment = new Dictionary<string, string?> { ["SLURM_CONF"] = Conf };
        try
        {
            SkipReason = Start();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or SocketException)
        {
            SkipReason = $"the one-node Slurm cluster did not start: {e.Message}";
        }
        if (SkipReason is not null)
            Stop();
    }

    /// <summary>Why the cluster is not there (the tests skip with it), or null when it runs.</summary>
    public string? SkipReason { get; }

    /// <summary>The cluster's slurm.conf.</summary>
    public string Conf { get; }

    /// <summary>What a client command (and so a gateforge child process) needs to reach this cluster.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>The cluster's client tool, run against it.</summary>
    public ToolResult Client(string tool, params string[] arguments) =>
        ExternalTool.Run(tool, arguments, timeout: TimeSpan.FromSeconds(30), environment: Environment);

    private string? Start()
    {
        if (!OperatingSystem.IsLinux())
            return "a Slurm cluster starts on Linux only";
        if (GetEuid() != 0)
            return "starting a one-node Slurm cluster needs root (slurmd runs the jobs as their users)";
        var munged = Daemon("munged");
        var slurmctld = Daemon("slurmctld");
        var slurmd = Daemon("slurmd");
        var missing = new[] { ("munged", munged), ("slurmctld", slurmctld), ("slurmd", slurmd) }.Where(d => d.Item2 is null).Select(d => d.Item1)
            .Concat(new[] { "sbatch", "squeue", "scancel", "sinfo", "scontrol" }.Where(t => !ExternalTool.IsInstalled(t))).ToList();
        if (missing.Count > 0)
            return $"Slurm is not installed ({string.Join(", ", missing)} not found; apt-get install slurm-wlm munge)";

        foreach (var sub in new[] { "munge", "state", "spool", "log" })
            Directory.CreateDirectory(_dir.File(sub));
        var key = _dir.File("munge/munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var socket = _dir.File("munge/munge.socket");
        // as root: the munge user cannot open /dev/null in these sandboxes (TOOLS.md)
        var m = ExternalTool.Run(munged!, ["--force", "--socket=" + socket, "--key-file=" + key, "--log-file=" + _dir.File("log/munged.log"),
            "--pid-file=" + _dir.File("munge/munged.pid"), "--seed-file=" + _dir.File("munge/munged.seed")], timeout: TimeSpan.FromSeconds(20));
        _pidFiles.Add(_dir.File("munge/munged.pid"));
        if (!m.Ok)
            return $"munged did not start: {m.Tail(1)}";

        var host = System.Environment.MachineName.Split('.')[0];
        var (controllerPort, nodePort) = (FreePort(), FreePort());
        File.WriteAllText(Conf, string.Create(CultureInfo.InvariantCulture, $"""
            ClusterName=gftest
            SlurmctldHost={host}(127.0.0.1)
            SlurmUser=root
            SlurmdUser=root
            SlurmctldPort={controllerPort}
            SlurmdPort={nodePort}
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={socket}
            StateSaveLocation={_dir.File("state")}
            SlurmdSpoolDir={_dir.File("spool")}
            SlurmctldPidFile={_dir.File("slurmctld.pid")}
            SlurmdPidFile={_dir.File("slurmd.pid")}
            SlurmctldLogFile={_dir.File("log/slurmctld.log")}
            SlurmdLogFile={_dir.File("log/slurmd.log")}
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            ReturnToService=2
            MpiDefault=none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            SchedulerParameters=sched_interval=1
            NodeName={host} NodeAddr=127.0.0.1 CPUs={System.Environment.ProcessorCount} RealMemory=1000 State=UNKNOWN
            PartitionName=main Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """));
        foreach (var (daemon, pidFile, args) in new[]
                 {
                     (slurmctld!, "slurmctld.pid", new[] { "-f", Conf }),
                     (slurmd!, "slurmd.pid", new[] { "-f", Conf, "-N", host }),
                 })
        {
            _pidFiles.Add(_dir.File(pidFile));
            var r = ExternalTool.Run(daemon, args, timeout: TimeSpan.FromSeconds(30), environment: Environment);
            if (!r.Ok)
                return $"{Path.GetFileName(daemon)} did not start: {r.Tail(1)} {LogTail(Path.GetFileName(daemon))}";
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var state = "";
        while (watch.Elapsed < StartLimit)
        {
            var s = Client("sinfo", "-h", "-o", "%T");
            state = s.Ok ? s.Stdout.Trim() : s.Tail(1);
            if (state == "idle")
                return null;
            Thread.Sleep(500);
        }
        return $"the one-node Slurm cluster was not idle within {StartLimit.TotalSeconds:0} s (sinfo: {state}) {LogTail("slurmctld")} {LogTail("slurmd")}";
    }

    public void Dispose()
    {
        Stop();
        _dir.Dispose();
    }

    private void Stop()
    {
        if (File.Exists(Conf) && ExternalTool.IsInstalled("scancel"))
        {
            // what a failed test left queued goes first, so that no job step outlives its slurmd
            Client("scancel", "--user=root");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(30) && Client("squeue", "-h", "-o", "%i") is { Ok: true } q && q.Stdout.Trim().Length > 0)
                Thread.Sleep(250);
            Client("scontrol", "shutdown");
        }
        foreach (var pidFile in _pidFiles)
        {
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
                continue;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            if (Directory.Exists($"/proc/{pid}"))
                _ = SysKill(pid, 15);
            while (Directory.Exists($"/proc/{pid}") && !LiveProcesses.IsZombie(pid) && watch.Elapsed < TimeSpan.FromSeconds(10))
                Thread.Sleep(50);
            if (Directory.Exists($"/proc/{pid}") && !LiveProcesses.IsZombie(pid))
                _ = SysKill(pid, 9);
        }
        // a job step (slurmstepd and the task) whose slurmd went first: this cluster's processes carry its SLURM_CONF
        foreach (var pid in LiveProcesses.WithEnvironment("SLURM_CONF", Conf))
            _ = SysKill(pid, 9);
    }

    /// <summary>The daemon on PATH or in /usr/sbin (which a test's PATH may lack).</summary>
    private static string? Daemon(string name) =>
        ExternalTool.Find(name) ?? (File.Exists(Path.Combine("/usr/sbin", name)) ? Path.Combine("/usr/sbin", name) : null);

    private string LogTail(string daemon)
    {
        var log = _dir.File($"log/{daemon}.log");
        return File.Exists(log) ? $"({daemon}.log: {File.ReadLines(log).LastOrDefault(l => l.Trim().Length > 0)})" : "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc.so.6", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [LibraryImport("libc.so.6", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
