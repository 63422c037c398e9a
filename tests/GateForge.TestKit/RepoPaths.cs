using System.Runtime.CompilerServices;

namespace GateForge.TestKit;

/// <summary>Paths in the repository the tests run from (found from this source file's place).</summary>
public static class RepoPaths
{
    /// <summary>The repository's root folder.</summary>
    public static string Root { get; } = FromHere();

    private static string FromHere([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", ".."));
}
