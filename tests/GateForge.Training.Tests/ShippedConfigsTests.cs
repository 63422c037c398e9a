using System.Runtime.CompilerServices;

namespace GateForge.Training.Tests;

/// <summary>Every model config under configs/ (the sweep configs are checked by the sweep's tests) loads and validates.</summary>
public sealed class ShippedConfigsTests
{
    public static TheoryData<string> ModelConfigs() =>
        new(Directory.GetFiles(ConfigsDir(), "*.json").Select(Path.GetFileName).Where(n => !n!.StartsWith("sweep-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ModelConfigs))]
    public void Loads_and_validates(string name)
    {
        var config = ModelConfig.Load(Path.Combine(ConfigsDir(), name));
        Assert.True(config.TotalSteps(1000) > 0, $"{name}: no training steps");
    }

    [Fact]
    public void The_issue_14_small_configs_are_narrow_dense_models_with_a_held_out_choice()
    {
        foreach (var name in new[] { "mnist-small.json", "fashion-small.json" })
        {
            var config = ModelConfig.Load(Path.Combine(ConfigsDir(), name));
            Assert.All(config.LayerSpecs(), l => Assert.Equal(LayerKind.Dense, l.Kind));
            Assert.True(config.LayerSpecs()[^1].Neurons < config.LayerSpecs()[0].Neurons, $"{name}: the last layer (the head's width) is not the narrow one");
            Assert.True(config.Validation > 0, $"{name}: the checkpoint would be chosen on the test set");
        }
    }

    internal static string ConfigsDir([CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", "configs"));
}
