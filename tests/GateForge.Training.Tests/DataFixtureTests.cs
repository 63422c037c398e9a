using System.Runtime.CompilerServices;

namespace GateForge.Training.Tests;

/// <summary>Paths of the data test inputs, found from this source file so any build folder works.</summary>
internal static class DataFixtures
{
    private static readonly string TestsDir = ThisDir();

    /// <summary>A file in <c>data-fixtures/</c>.</summary>
    public static string File(string name) => Path.Combine(TestsDir, "data-fixtures", name);

    /// <summary>The repository's <c>data/</c> folder (holding <c>mnist-10k/</c>).</summary>
    public static string DataRoot { get; } = Path.GetFullPath(Path.Combine(TestsDir, "..", "..", "data"));

    public static string Mnist10k => Path.Combine(DataRoot, "mnist-10k");

    private static readonly Lazy<DataSplit> LazyMnist = new(() => DataSets.Load("mnist-10k", DataRoot));

    /// <summary>The embedded mnist-10k, read once per test run.</summary>
    public static DataSplit Mnist => LazyMnist.Value;

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

public sealed class DataFixtureTests
{
    [Fact]
    public void Fixture_folders_exist()
    {
        Assert.True(Directory.Exists(DataFixtures.Mnist10k), DataFixtures.Mnist10k);
        Assert.True(System.IO.File.Exists(DataFixtures.File("cars.csv")));
    }
}
