namespace GateForge.Fuzz;

/// <summary>
/// Every input that ever crashed, hung or gave a multi-line error, kept in <c>regressions/</c> as
/// <c>&lt;reader&gt;.&lt;what it hit&gt;</c>; the test suite reads each one with its reader.
/// </summary>
public static class Regressions
{
    public static IEnumerable<(string Reader, string Path)> Files()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(ThisFile())!, "regressions");
        return Directory.EnumerateFiles(dir)
            .Order(StringComparer.Ordinal)
            .Select(p => (System.IO.Path.GetFileName(p).Split('.')[0], p));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
