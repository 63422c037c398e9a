using System.Security.Cryptography;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// Issue 15: Ctrl-C (SIGINT to the CLI's process, once and twice) during `emit`, `verify` and
/// `train` run as a child process: exit 130, the previous output as it was, no hidden temporary
/// folder, no tool process left running, at most one line on stderr.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly TempDir _dir = new("gf-interrupt");

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Tools =
        ["iverilog", "ivl", "vvp", "verilator", "verilator_bin", "yosys", "yosys-abc", "berkeley-abc", "make", "g++", "cc1plus", "gcc", "cc", "as", "ld"];

    /// <summary>A layered design with its parts recorded (emit maps each through ABC for the area lines).</summary>
    private string BigNetlist(int scale)
    {
        var path = _dir.File($"big{scale}.json");
        if (!File.Exists(path))
            NetlistJson.Save(RandomNetlists.Layered(48, [3000 * scale, 3000 * scale, 1500 * scale], seed: 7, headClasses: 5, markLayers: true), path);
        return path;
    }

    /// <summary>Every file of <paramref name="folder"/> with its hash, for "left as it was".</summary>
    private static SortedDictionary<string, string> Contents(string folder)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            all[Path.GetRelativePath(folder, f)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)));
        return all;
    }

    private static string[] Temporaries(string parent) =>
        [.. Directory.EnumerateFileSystemEntries(parent, ".*", SearchOption.AllDirectories)
            .Where(e => Path.GetFileName(e).Contains(".tmp-", StringComparison.Ordinal) || Path.GetFileName(e).Contains(".old-", StringComparison.Ordinal))];

    /// <summary>The checks every interrupted run must pass.</summary>
    private static void AssertCleanStop(SignalledResult r, string parent, string folder, SortedDictionary<string, string> before)
    {
        Assert.True(r.ExitCode == ExitCodes.Cancelled, r.ToString());
        Assert.True(r.Survivors.Count == 0, "tool processes left running: " + r);
        Assert.True(Temporaries(parent).Length == 0, $"left behind: {string.Join(", ", Temporaries(parent))}\n{r}");
        Assert.Equal(before, Contents(folder));
        Assert.True(r.ErrorLines.Length <= 1, r.ToString());
        if (r.ErrorLines.Length == 1)
            Assert.StartsWith("gateforge: cancelled", r.ErrorLines[0], StringComparison.Ordinal);
    }

    /// <summary>
    /// Runs until an attempt is really interrupted (the signal came before the command finished):
    /// an attempt that finished first (exit 0) is retried on more work.
    /// </summary>
    private static SignalledResult Interrupt(string cwd, Func<IReadOnlyCollection<string>, bool> ready, int signals, bool toGroup,
        Func<int, string[]> argsForScale, Action? beforeEach = null, Action<SignalledResult>? finishedFirst = null)
    {
        SignalledResult? r = null;
        for (var scale = 1; scale <= 4; scale *= 2)
        {
            beforeEach?.Invoke();
            r = SignalledRun.Run(cwd, ready, signals, argsForScale(scale), toGroup);
            if (r.Signalled && r.ExitCode != 0)
                return r;
            finishedFirst?.Invoke(r);
        }
        Assert.Fail("every attempt finished before the signal reached it: " + r);
        return r;
    }

    [Theory]
    [InlineData(1, false, false)]
    [InlineData(2, false, false)]
    [InlineData(1, true, false)]
    [InlineData(2, true, false)]
    [InlineData(1, true, true)]
    [InlineData(2, true, true)]
    public void Emit_interrupted_leaves_the_previous_folder_and_no_temporary(int signals, bool duringAbc, bool toGroup)
    {
        var out_ = Directory.CreateDirectory(_dir.File("out")).FullName;
        var small = _dir.File("small.json");
        NetlistJson.Save(RandomNetlists.Layered(12, [24, 24, 12], seed: 5, headClasses: 3), small);
        var before = new SortedDictionary<string, string>();
        void Previous()
        {
            CliRunner.ExpectProcess(0, _dir.Path, "emit", small, "-o", "out/d", "-q");
            File.WriteAllText(Path.Combine(out_, "d", "mine.txt"), "a file of the user's");
            before = Contents(Path.Combine(out_, "d"));
        }

        // while ABC maps the parts for the area lines (a tool runs), or while the files are written
        Func<IReadOnlyCollection<string>, bool> ready = duringAbc
            ? tools => tools.Any(t => t.Contains("abc", StringComparison.Ordinal))
            : _ => Directory.EnumerateDirectories(out_, ".d.tmp-*").Any();
        var r = Interrupt(_dir.Path, ready, signals, toGroup, scale => ["emit", BigNetlist(scale), "--original", BigNetlist(scale), "-o", "out/d", "--vectors", "4000", "-q"], Previous,
            // exit 0 after a signal is right only when the new folder was in place before it came
            finishedFirst: f => Assert.True(!before.SequenceEqual(Contents(Path.Combine(out_, "d"))), "exit 0 after SIGINT with the old folder in place: " + f));

        AssertCleanStop(r, out_, Path.Combine(out_, "d"), before);
        if (duringAbc)
            Assert.Contains(r.ToolsSeen, t => t.Contains("abc", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public void Verify_interrupted_while_a_tool_runs_stops_the_tool_and_leaves_the_folder(int signals, bool toGroup)
    {
        var design = _dir.File("hw/d");
        var net = _dir.File("net.json");
        NetlistJson.Save(RandomNetlists.Layered(24, [400, 400, 200], seed: 3, headClasses: 4), net);
        CliRunner.ExpectProcess(0, _dir.Path, "emit", net, "--original", net, "-o", design, "-q");
        var before = Contents(design);

        // Verilator's C++ build takes seconds: a tool (and its children) is running when the signal comes
        var r = Interrupt(_dir.Path, tools => tools.Any(t => t.StartsWith("verilator", StringComparison.Ordinal) || t is "make" or "cc1plus" or "g++"),
            signals, toGroup, _ => ["verify", design, "--no-c", "--no-icarus", "--no-formal", "-q"]);

        AssertCleanStop(r, _dir.File("hw"), design, before);
        Assert.Contains(r.ToolsSeen, t => Tools.Contains(t));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Train_interrupted_keeps_the_previous_checkpoint_folder_and_no_temporary(int signals)
    {
        CliRunner.ExpectProcess(0, _dir.Path, "train", "--data", "monk1", "--layers", "2", "--neurons", "64", "--steps", "20", "--eval-every", "20", "-o", "ck", "-q");
        var before = Contents(_dir.File("ck"));
        var other = _dir.File("ck2");

        // a second training into another folder, stopped once its checkpoint folder is being written
        var r = Interrupt(_dir.Path, _ => Directory.Exists(other) || Directory.EnumerateDirectories(_dir.Path, ".ck2.tmp-*").Any(), signals, toGroup: false,
            scale => ["train", "--data", "monk1", "--layers", "2", "--neurons", "256", "--steps", (1_000_000 * scale).ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--eval-every", "50", "-o", "ck2", "-q"],
            beforeEach: () => { if (Directory.Exists(other)) Directory.Delete(other, true); });

        AssertCleanStop(r, _dir.Path, _dir.File("ck"), before);
        if (signals == 1)
        {
            // one Ctrl-C: the checkpoint at the step reached is kept, and the line says so
            Assert.Matches(@"^gateforge: cancelled at step \d+ of \d+; the checkpoint in .*ck2 holds step \d+", Assert.Single(r.ErrorLines));
            Assert.True(File.Exists(Path.Combine(other, "config.json")), r.ToString());
        }
    }
}
