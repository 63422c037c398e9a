using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>A model config with an unknown key or a value of the wrong type: one line in the config's terms, no .NET type names.</summary>
public sealed class ModelConfigMessageTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-modelcfg");

    [Theory]
    [InlineData("""{"bogus": 1}""", "not a valid model config: unknown key 'bogus'")]
    [InlineData("""{"steps": "x"}""", "not a valid model config: 'steps' must be a whole number")]
    [InlineData("""{"tau": true}""", "not a valid model config: 'tau' must be a number")]
    [InlineData("""{"gumbel": 3}""", "not a valid model config: 'gumbel' must be true or false")]
    public void Train_names_the_key_not_the_dotnet_type(string json, string message)
    {
        File.WriteAllText(_dir.File("m.json"), json);
        var r = CliRunner.Expect(2, _dir.Path, "train", "--data", "monk1", "-c", "{dir}/m.json", "-o", "{dir}/ck");
        Assert.Equal([$"gateforge: {_dir.File("m.json")}: {message}"], r.ErrorLines);
        Assert.DoesNotContain("System.", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("ck")));
    }

    [Fact]
    public void A_run_configs_model_section_is_checked_the_same_way()
    {
        File.WriteAllText(_dir.File("run.json"), """{"design": "x", "data": "monk1", "model": {"bogus": 1}, "synth": []}""");
        var r = CliRunner.Expect(2, _dir.Path, "run", "{dir}/run.json");
        Assert.Single(r.ErrorLines);
        Assert.Contains("unknown key 'bogus'", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", r.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
