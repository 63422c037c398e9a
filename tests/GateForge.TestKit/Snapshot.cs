using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace GateForge.TestKit;

/// <summary>
/// Approval-style snapshot checks with Verify's file conventions: the expected text lives beside
/// the test source as <c>&lt;Class&gt;.&lt;name&gt;.verified.&lt;ext&gt;</c> (committed); on a
/// mismatch the actual text is written as <c>.received.&lt;ext&gt;</c> (git-ignored) and the test
/// fails. Set <c>GATEFORGE_ACCEPT=1</c> to accept received output as the new verified file.
/// A missing verified file fails too (and is created when accepting), so a new snapshot is
/// always looked at once.
/// </summary>
public static class Snapshot
{
    public static void Match(string actual, string name, string extension = "txt",
        [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "snapshots");
        Directory.CreateDirectory(dir);
        var stem = Path.GetFileNameWithoutExtension(callerFile) + "." + name;
        var verified = Path.Combine(dir, $"{stem}.verified.{extension}");
        var received = Path.Combine(dir, $"{stem}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var accept = Environment.GetEnvironmentVariable("GATEFORGE_ACCEPT") == "1";
        if (File.Exists(verified) && File.ReadAllText(verified, Encoding.UTF8) == actual)
        {
            if (File.Exists(received))
                File.Delete(received);
            return;
        }
        if (accept)
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            if (File.Exists(received))
                File.Delete(received);
            return;
        }
        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail(File.Exists(verified)
            ? $"snapshot {stem} differs: compare {received} with {verified} (GATEFORGE_ACCEPT=1 accepts)"
            : $"snapshot {stem} is new: review {received} and accept with GATEFORGE_ACCEPT=1");
    }

    /// <summary>
    /// Fails when a verified snapshot of <paramref name="group"/> (<c>&lt;Class&gt;.&lt;group&gt;.*</c>)
    /// was not among <paramref name="matched"/> (the names given to <see cref="Match"/>): a file the
    /// code stopped writing must fail its snapshot test, not pass unnoticed.
    /// </summary>
    public static void NoneMissing(string group, IEnumerable<string> matched, [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "snapshots");
        var prefix = Path.GetFileNameWithoutExtension(callerFile) + "." + group + ".";
        var seen = matched.Select(n => Path.GetFileNameWithoutExtension(callerFile) + "." + n).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(dir, prefix + "*")
            .Select(Path.GetFileName)
            .Where(f => f!.Contains(".verified.", StringComparison.Ordinal))
            .Select(f => f![..f!.IndexOf(".verified.", StringComparison.Ordinal)])
            .Where(stem => !seen.Contains(stem))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(missing.Count == 0, $"approved snapshots no longer produced: {string.Join(", ", missing)}");
    }
}
