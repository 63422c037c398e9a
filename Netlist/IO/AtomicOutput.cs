using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace GateForge.Ir;

/// <summary>What <see cref="AtomicOutput.WriteFolder"/> does with a folder that already exists.</summary>
public enum ExistingFolder
{
    /// <summary>The new folder takes the old one's place; nothing of the old one is left.</summary>
    Replace,

    /// <summary>Each new file replaces the old file of its name (one rename each); other files stay.</summary>
    Merge,
}

/// <summary>
/// Outputs that appear whole or not at all, the one implementation behind every GateForge writer
/// (netlists, design folders, checkpoints, encoders, VCDs, pass dumps, reports): a file or folder is
/// written under a hidden temporary sibling name and renamed into place once complete; on failure or
/// cancellation the temporary is deleted and the target is left as it was.
/// A process stopped at once (a second Ctrl-C) cannot unwind: <see cref="RemoveTemporaries"/> is for
/// that way out, and each folder written to is first swept of the temporaries of processes that no
/// longer run (17 of 190 double Ctrl-C runs of `emit` left `.name.tmp-PID-HEX` folders before).
/// </summary>
public static partial class AtomicOutput
{
    private const int BufferSize = 1 << 16;

    /// <summary>This process's temporaries now on disk; for an <c>old</c> sibling, the target it must go back to.</summary>
    private static readonly ConcurrentDictionary<string, string?> Live = new(StringComparer.Ordinal);

    /// <summary>Set by <see cref="StopWriting"/>: no new temporary may appear after it (a writer still running would leave one).</summary>
    private static volatile bool _stopping;

    /// <summary>True once <see cref="StopWriting"/> has run: the process is stopping at once (a second Ctrl-C).</summary>
    public static bool IsStopping => _stopping;

    /// <summary>Outputs completed (renamed into place) by this process, for saying what a cancelled command left.</summary>
    private static readonly ConcurrentQueue<string> Completed = new();

    /// <summary>The outputs this process has put in place so far, oldest first.</summary>
    public static IReadOnlyList<string> CompletedOutputs => [.. Completed];

    /// <summary>Parent folders already swept by this process.</summary>
    private static readonly ConcurrentDictionary<string, bool> Swept = new(StringComparer.Ordinal);

    /// <summary>
    /// Deletes every temporary this process has on disk and puts back a folder that was stepped
    /// aside when the process stopped between the two renames of a replace. For the way out of a
    /// process that stops without unwinding; safe to call while writers run (best effort).
    /// </summary>
    public static void RemoveTemporaries()
    {
        foreach (var (temp, restore) in Live)
        {
            if (restore is not null && !Directory.Exists(restore) && Directory.Exists(temp))
                TryMove(temp, restore);
            else
            {
                TryDeleteFolder(temp);
                TryDeleteFile(temp);
            }
            if (!Path.Exists(temp))
                Live.TryRemove(temp, out _);
        }
    }

    /// <summary>
    /// For a process about to stop at once (a second Ctrl-C): from now on no temporary may be created
    /// (a writer still running would leave it behind), and every existing one is removed. A writer
    /// still filling a temporary folder makes a recursive delete fail ("directory not empty"), so
    /// the removal is repeated until every temporary has stayed gone for a moment (at most about a
    /// quarter of a second): a double Ctrl-C during a checkpoint save left `.ck.tmp-PID-HEX` before.
    /// </summary>
    public static void StopWriting()
    {
        _stopping = true;
        for (var pass = 0; pass < 25; pass++)
        {
            RemoveTemporaries();
            Thread.Sleep(10);
            if (Live.Keys.All(t => !Path.Exists(t)))
                break;
        }
        RemoveTemporaries();
    }

    /// <summary>
    /// Marks <paramref name="folder"/> as written by processes on other machines as well (the points
    /// folder of a sweep whose Slurm tasks share a file system): its temporaries are not swept here,
    /// since a process id that runs on no process of this machine may be a live writer on another.
    /// Whoever knows that all the writers are gone calls <see cref="RemoveStaleTemporaries"/>.
    /// </summary>
    public static void LeaveTemporariesIn(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Swept[Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar)] = true;
    }

    /// <summary>
    /// Removes the temporaries in <paramref name="folder"/> left by processes that no longer run
    /// (a stepped-aside <c>old</c> folder whose target is missing is put back instead). Returns how many.
    /// </summary>
    public static int RemoveStaleTemporaries(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
            return 0;
        var removed = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, ".*"))
        {
            var m = TemporaryName().Match(Path.GetFileName(entry));
            if (!m.Success || !int.TryParse(m.Groups["pid"].Value, out var pid) || IsRunning(pid))
                continue;
            var target = Path.Combine(folder, m.Groups["target"].Value);
            if (m.Groups["tag"].Value == "old" && !Path.Exists(target) && Directory.Exists(entry))
                TryMove(entry, target);
            else
            {
                TryDeleteFolder(entry);
                TryDeleteFile(entry);
            }
            removed++;
        }
        return removed;
    }

    // ".<target>.<tag>-<pid>-<8 hex>"; a nested temporary's target is itself a temporary's name.
    [GeneratedRegex(@"^\.(?<target>.+)\.(?<tag>tmp|old)-(?<pid>[0-9]{1,10})-[0-9a-f]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemporaryName();

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        if (OperatingSystem.IsLinux())
            return Directory.Exists($"/proc/{pid}");
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="path"/> through a stream.</summary>
    public static void WriteFile(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteFileAt(path, temp =>
        {
            using var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
            write(fs);
        });
    }

    /// <summary>Writes <paramref name="path"/> as UTF-8 text without a byte-order mark.</summary>
    public static void WriteText(string path, string text) =>
        WriteFileAt(path, temp => File.WriteAllText(temp, text, new UTF8Encoding(false)));

    /// <summary>Writes <paramref name="path"/> by letting <paramref name="writeTo"/> create a file at the temporary path it is given.</summary>
    public static void WriteFileAt(string path, Action<string> writeTo)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(writeTo);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"{full}: is a folder, not a file");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Sibling(full, "tmp");
        Finish(temp, full, TryDeleteFile, () =>
        {
            writeTo(temp);
            File.Move(temp, full, overwrite: true);
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/> (which fills the registered temporary <paramref name="temp"/> and
    /// moves it into place) and records <paramref name="full"/> as complete; on failure removes the
    /// temporary. Either way the temporary is no longer registered.
    /// </summary>
    private static void Finish(string temp, string full, Action<string> remove, Action work)
    {
        try
        {
            work();
            RecordCompleted(full);
        }
        catch
        {
            remove(temp);
            throw;
        }
        finally
        {
            Live.TryRemove(temp, out _);
        }
    }

    /// <summary>
    /// Runs <paramref name="fill"/> on a fresh temporary folder beside <paramref name="target"/>, then
    /// moves its contents into place as <paramref name="existing"/> says. Cancellation is checked once
    /// <paramref name="fill"/> returns, before anything is moved.
    /// </summary>
    public static void WriteFolder(string target, Action<string> fill, ExistingFolder existing = ExistingFolder.Replace,
        CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(fill);
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        if (File.Exists(full))
            throw new IOException($"{full}: is a file, not a folder");
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"{target}: cannot write a folder at a file-system root");
        string temp;
        try
        {
            Directory.CreateDirectory(parent);
            temp = Sibling(full, "tmp");
            Directory.CreateDirectory(temp);
            if (_stopping)
            {
                TryDeleteFolder(temp); // StopWriting may have swept before the folder existed
                throw new OperationCanceledException("the process is stopping: no new temporary output");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IOException($"{full}: cannot create the folder: {e.Message}", e);
        }
        Finish(temp, full, TryDeleteFolder, () =>
        {
            fill(temp);
            cancellation.ThrowIfCancellationRequested();
            if (!Directory.Exists(full))
                Directory.Move(temp, full);
            else if (existing == ExistingFolder.Merge)
                MergeInto(temp, full);
            else
                ReplaceWith(temp, full);
        });
    }

    /// <summary>Checks every destination first, so that a folder in a file's way fails before anything moves.</summary>
    private static void MergeInto(string temp, string target)
    {
        var files = Directory.GetFiles(temp);
        Array.Sort(files, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var destination = Path.Combine(target, Path.GetFileName(file));
            if (Directory.Exists(destination))
                throw new IOException($"{target}: cannot write {Path.GetFileName(file)}: a folder of that name is in the way");
        }
        foreach (var file in files)
            File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        Directory.Delete(temp, recursive: true);
    }

    /// <summary>Two renames: the old folder steps aside, the new one takes its name, then the old one goes.</summary>
    private static void ReplaceWith(string temp, string target)
    {
        var old = Sibling(target, "old", restoreTo: target);
        Directory.Move(target, old);
        Directory.Move(temp, target);
        TryDeleteFolder(old);
        Live.TryRemove(old, out _);
    }

    /// <summary>A fresh hidden name beside <paramref name="target"/>, registered as live; the folder is swept of stale ones first.</summary>
    // An output written into one of this process's temporary folders (the emitter writes the design's
    // files into its staging folder, and merges into it) is only complete when that folder is put in
    // place: recorded then, by the folder's own write. Seen: a Ctrl-C during `emit` reported "8 outputs
    // had already been written in full" naming files in a staging folder that was then removed.
    private static void RecordCompleted(string full)
    {
        foreach (var temp in Live.Keys)
            if (full == temp || full.StartsWith(temp + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return;
        Completed.Enqueue(full);
    }

    private static string Sibling(string target, string tag, string? restoreTo = null)
    {
        if (_stopping)
            throw new OperationCanceledException("the process is stopping: no new temporary output");
        var parent = Path.GetDirectoryName(target)!;
        if (Swept.TryAdd(parent, true))
            RemoveStaleTemporaries(parent);
        var path = Path.Combine(parent, $".{Path.GetFileName(target)}.{tag}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        Live[path] = restoreTo;
        return path;
    }

    private static void TryMove(string from, string to)
    {
        try
        {
            Directory.Move(from, to);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: the hidden folder stays and the next run's sweep tries again
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: the error that got us here is what the caller needs to see
        }
    }

    private static void TryDeleteFolder(string path)
    {
        try
        {
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort: a leftover hidden temporary folder is harmless
        }
    }
}
