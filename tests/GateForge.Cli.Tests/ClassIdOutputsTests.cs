using System.Text.Json.Nodes;
using GateForge.Emitters;
using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>
/// <c>--outputs class_id</c> (issue 14): a design with class_id alone, from the CLI verbs and from a
/// run config; every check compares class_id and says so.
/// </summary>
public sealed class ClassIdOutputsTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-classid");

    public ClassIdOutputsTests() =>
        CliRunner.Expect(0, _dir.Path, "train", "--data", "monk1", "--steps", "120", "-o", "{dir}/ck");

    [Fact]
    public void Freeze_with_outputs_class_id_gives_a_smaller_design_that_every_check_proves_on_class_id()
    {
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/both.json");
        CliRunner.Expect(0, _dir.Path, "freeze", "{dir}/ck", "-o", "{dir}/cid.json", "--outputs", "class_id");
        var both = NetlistJson.Load(_dir.File("both.json"));
        var cid = NetlistJson.Load(_dir.File("cid.json"));
        Assert.Equal([Names.Buses.Scores, Names.Buses.ClassId], both.OutputBuses.Select(o => o.Name));
        Assert.Equal([Names.Buses.ClassId], cid.OutputBuses.Select(o => o.Name));
        Assert.True(cid.GateCount < both.GateCount, $"class_id-only {cid.GateCount} gates, with scores {both.GateCount}");

        CliRunner.Expect(0, _dir.Path, "opt", "{dir}/cid.json", "-O2", "-o", "{dir}/cid-opt.json");
        CliRunner.Expect(0, _dir.Path, "emit", "{dir}/cid-opt.json", "-o", "{dir}/hw");
        Assert.Equal([Names.Buses.ClassId], DesignManifest.Load(_dir.File("hw")).Outputs.Select(b => b.Name));
        var verify = CliRunner.Expect(0, _dir.Path, "verify", "{dir}/hw", "--no-verilator");
        var checks = verify.Stdout.Split('\n').Where(l => l.TrimStart().StartsWith("PASS", StringComparison.Ordinal)
            || l.TrimStart().StartsWith("FAIL", StringComparison.Ordinal)).ToList();
        Assert.True(checks.Count >= 6, verify.Stdout);
        Assert.All(checks, l => Assert.StartsWith("PASS", l.TrimStart(), StringComparison.Ordinal));
        Assert.All(checks, l => Assert.Contains("class_id-only design", l, StringComparison.Ordinal));
        Assert.Contains(checks, l => l.Contains("vs model (shipped vectors)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_config_with_outputs_class_id_builds_and_proves_a_class_id_design()
    {
        var config = new JsonObject
        {
            ["design"] = "cid",
            ["data"] = "monk1",
            ["checkpoint"] = _dir.File("ck"),
            ["skip_training"] = true,
            ["output"] = _dir.File("run-hw"),
            ["outputs"] = "class_id",
            ["vectors"] = 32,
            ["verify"] = new JsonObject { ["random"] = 100, ["hdl_vectors"] = 20, ["verilator"] = false },
            ["synth"] = new JsonArray(),
        };
        File.WriteAllText(_dir.File("run.json"), config.ToJsonString());
        CliRunner.Expect(0, _dir.Path, "run", "{dir}/run.json");
        Assert.Equal([Names.Buses.ClassId], DesignManifest.Load(_dir.File("run-hw")).Outputs.Select(b => b.Name));

        config["outputs"] = "argmax";
        File.WriteAllText(_dir.File("bad.json"), config.ToJsonString());
        var bad = CliRunner.Expect(2, _dir.Path, "run", "{dir}/bad.json");
        Assert.Equal(["gateforge: " + _dir.File("bad.json") + ": outputs must be scores or class_id, not 'argmax'"], bad.ErrorLines);
        Assert.False(Directory.Exists(_dir.File("hw-bad")));
    }

    [Theory]
    [InlineData("freeze", "{dir}/ck", "-o", "{dir}/x.json", "--outputs", "nope")]
    [InlineData("demo", "--outputs", "nope", "-o", "{dir}/demo-hw", "--checkpoint", "{dir}/demo-ck")]
    public void An_unknown_outputs_value_is_refused_with_one_line_before_any_work(params string[] args)
    {
        var r = CliRunner.Expect(2, _dir.Path, args);
        Assert.Equal(["gateforge: --outputs must be scores or class_id, not 'nope'"], r.ErrorLines);
        Assert.False(File.Exists(_dir.File("x.json")));
        Assert.False(Directory.Exists(_dir.File("demo-ck")));
    }

    public void Dispose() => _dir.Dispose();
}
