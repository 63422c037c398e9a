using GateForge.Ir;
using GateForge.TestKit;

namespace GateForge.Cli.Tests;

/// <summary>Every verb's bad input (missing file, wrong file type, impossible option): exit 2 and one line on stderr.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new("gf-cli-bad");

    public BadInputTests()
    {
        File.WriteAllText(_dir.File("notes.txt"), "not a netlist\n");
        File.WriteAllText(_dir.File("broken.json"), "{ \"format\": \"gateforge-netlist\", ");
        File.WriteAllText(_dir.File("bad.hex"), "zz\n");
        File.WriteAllText(_dir.File("typo.json"), "{ \"design\": \"x\", \"pipline_every\": 4 }");
        // a bad literal followed by more lines: the JSON reader's message quoted them all (fuzzed, issue 15)
        File.WriteAllText(_dir.File("literal.json"), "{\n  \"design\": \"d\",\n  \"skip_training\": tr+e,\n}\n\n\n");
        File.WriteAllText(_dir.File("null-design.json"), "{ \"design\": null }");
        Directory.CreateDirectory(_dir.File("bad-report"));
        File.WriteAllText(_dir.File("bad-report/report.json"), "{\n  \"design\": fals,\n  \"x\": 1\n}\n");
        Directory.CreateDirectory(_dir.File("empty-folder"));
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 4);
        b.AddOutputBus("y", [b.And(x[0], x[1]), b.Xor(x[2], x[3])]);
        NetlistJson.Save(b.Build(), _dir.File("small.json"));
    }

    public static TheoryData<string> BadCommandLines() =>
    [
        "",
        "frobnicate",
        "--no-such-option",
        "train --data no-such-dataset -o {dir}/ck",
        "train --data monk1 --config {dir}/missing.json -o {dir}/ck",
        "train --data monk1 --neurons 7 -o {dir}/ck",
        "train --data monk1 --device tpu -o {dir}/ck",
        "train --data monk1 --steps lots -o {dir}/ck",
        "freeze {dir}/missing-checkpoint -o {dir}/n.json",
        "freeze {dir}/notes.txt -o {dir}/n.json",
        "freeze {dir}/empty-folder -o {dir}/n.json",
        "freeze {dir}/empty-folder -o {dir}/n.txt",
        "opt {dir}/missing.json -o {dir}/o.json",
        "opt {dir}/notes.txt -o {dir}/o.json",
        "opt {dir}/broken.json -o {dir}/o.json",
        "opt {dir}/small.json -o {dir}/o.txt",
        "opt {dir}/small.json -o {dir}/o.json --passes no-such-pass",
        "opt {dir}/small.json -o {dir}/o.json -O1 -O2",
        "opt {dir}/small.json",
        "opt {dir}/small.json -o {dir}/o.json --dump-after nosuch",
        "emit {dir}/missing.json -o {dir}/hw",
        "emit {dir}/notes.txt -o {dir}/hw",
        "emit {dir}/small.json -o {dir}/hw --axi",
        "emit {dir}/small.json -o {dir}/hw --pipeline-every -1",
        "emit {dir}/small.json -o {dir}/notes.txt",
        "emit {dir}/small.json -o {dir}/hw --vectors 0",
        "sim {dir}/missing.json",
        "sim {dir}/notes.txt",
        "sim {dir}/small.json --input {dir}/bad.hex",
        "sim {dir}/small.json --random 0",
        "sim {dir}/small.json --vcd {dir}/empty-folder",
        "sim {dir}/small.json --vcd {dir}/w.vcd --buses nosuch",
        "sim {dir}/small.json --buses y",
        "verify {dir}/missing-design",
        "verify {dir}/notes.txt",
        "verify {dir}/small.json --hdl-vectors 0",
        "synth {dir}/missing-design",
        "synth {dir}/empty-folder",
        "synth {dir}/empty-folder --target asic",
        "report {dir}/missing-design",
        "report {dir}/notes.txt",
        "report {dir}/empty-folder",
        "run {dir}/missing.json",
        "run {dir}/notes.txt",
        "run {dir}/typo.json",
        "run {dir}/literal.json",
        "run {dir}/null-design.json",
        "report {dir}/bad-report",
        "help no-such-pass",
        "demo --steps 0",
    ];

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public void Bad_input_exits_2_with_one_line(string commandLine)
    {
        var args = commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var r = CliRunner.Run(_dir.Path, args);
        Assert.True(r.ExitCode == ExitCodes.BadInput, $"exit {r.ExitCode}\nstdout: {r.Stdout}\nstderr: {r.Stderr}");
        Assert.True(r.ErrorLines.Length == 1, $"expected one line on stderr, got:\n{r.Stderr}");
        Assert.StartsWith("gateforge: ", r.ErrorLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Verbose_adds_the_trace()
    {
        var r = CliRunner.Run(_dir.Path, "opt", _dir.File("broken.json"), "-o", _dir.File("o.json"), "--verbose");
        Assert.Equal(ExitCodes.BadInput, r.ExitCode);
        Assert.True(r.ErrorLines.Length > 1);
        Assert.Contains("   at ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_message_names_the_file()
    {
        var r = CliRunner.Run(_dir.Path, "opt", _dir.File("missing.json"), "-o", _dir.File("o.json"));
        Assert.Contains("missing.json", r.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
