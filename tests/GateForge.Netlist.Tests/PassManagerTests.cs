using System.Text.Json;
using GateForge.Ir.Passes;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class PassManagerTests
{
    [Fact]
    public void Parses_a_sequence_of_passes()
    {
        var steps = PipelineParser.Parse("const-fold,strash,dce");
        Assert.Equal(["const-fold", "strash", "dce"], steps.Cast<PassStep>().Select(s => s.Pass.Name));
        Assert.IsType<ConstFoldPass>(((PassStep)steps[0]).Pass);
        Assert.Empty(PipelineParser.Parse(""));
        Assert.Empty(PipelineParser.Parse("  "));
    }

    [Fact]
    public void Parses_fixpoint_options_and_spaces()
    {
        var steps = PipelineParser.Parse(" const-fold(x[3]=1) , fixpoint( strash , balance,dce(inputs) ) ,pipeline(every=7)");
        Assert.Equal(3, steps.Count);
        var fold = Assert.IsType<ConstFoldPass>(((PassStep)steps[0]).Pass);
        Assert.Equal([new InputConstraint("x", 3, true)], fold.Constraints);
        Assert.Equal("const-fold(x[3]=1)", ((PassStep)steps[0]).Text);
        var fix = Assert.IsType<FixpointStep>(steps[1]);
        Assert.Equal(["strash", "balance", "dce"], fix.Body.Cast<PassStep>().Select(s => s.Pass.Name));
        Assert.True(Assert.IsType<DcePass>(((PassStep)fix.Body[2]).Pass).DropUnusedInputs);
        Assert.Equal(7, Assert.IsType<PipelinePass>(((PassStep)steps[2]).Pass).Every);
    }

    [Theory]
    [InlineData("-O0", "")]
    [InlineData("-O1", "const-fold,dce")]
    [InlineData("-O2", "const-fold,dce,fixpoint(balance,dce)")]
    [InlineData("-O3", "const-fold,dce,fixpoint(balance,dce),abc")]
    public void Levels_expand_to_their_pipelines(string level, string expected) =>
        Assert.Equal(Describe(PipelineParser.Parse(expected)), Describe(PipelineParser.Parse(level)));

    [Fact]
    public void A_level_may_stand_where_a_pass_may() =>
        Assert.Equal(
            Describe(PipelineParser.Parse("const-fold,dce,fixpoint(balance,dce),pipeline(every=3)")),
            Describe(PipelineParser.Parse("-O2,pipeline(every=3)")));

    [Theory]
    [InlineData("nope", "unknown pass 'nope'")]
    [InlineData("-O9", "unknown pass '-O9'")]
    [InlineData("strash(x=1)", "pass 'strash' has no option 'x'")]
    [InlineData("pipeline(every=)", "option 'every=' has no value")]
    [InlineData("pipeline(every=four)", "must be an integer")]
    [InlineData("pipeline(every=4", "expected ')' at the end")]
    [InlineData("pipeline(every=4,every=5)", "given twice")]
    [InlineData("const-fold,,dce", "expected a pass name but found ','")]
    [InlineData("const-fold,", "expected a pass name at the end")]
    [InlineData("const-fold dce", "expected ',' between passes")]
    [InlineData("fixpoint()", "fixpoint() has no passes")]
    [InlineData("fixpoint", "fixpoint needs a body")]
    [InlineData("fixpoint(strash", "expected ')' at the end")]
    [InlineData("strash)", "expected ',' between passes but found ')'")]
    [InlineData("abc(script=\"&dc2)", "unclosed quote")]
    [InlineData("dce(inputs=maybe)", "must be true or false")]
    public void Bad_pipelines_are_one_line_argument_errors(string pipeline, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => PipelineParser.Parse(pipeline));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"pipeline \"{pipeline}\": ", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Records_chain_sizes_from_pass_to_pass_and_log_them()
    {
        var nl = RandomNetlists.Layered(24, [200, 200, 100], seed: 5, headClasses: 4);
        var log = new StringWriter();
        var r = new PassManager(new PassContext(log)) { VerifyEachPass = true }.Run(nl, "-O2");
        Assert.Equal(["const-fold", "dce", "balance", "dce"], r.Records.Take(4).Select(x => x.Pass));
        Assert.Equal(nl.GateCount, r.Records[0].GatesBefore);
        Assert.Equal(nl.Depth, r.Records[0].DepthBefore);
        for (var i = 1; i < r.Records.Count; i++)
        {
            Assert.Equal(r.Records[i - 1].GatesAfter, r.Records[i].GatesBefore);
            Assert.Equal(r.Records[i - 1].DepthAfter, r.Records[i].DepthBefore);
            Assert.Equal(r.Records[i - 1].AndEquivalentAfter, r.Records[i].AndEquivalentBefore);
        }
        Assert.Equal(r.Final.GateCount, r.Records[^1].GatesAfter);
        Assert.Equal(r.Final.AndEquivalent, r.Records[^1].AndEquivalentAfter);
        Assert.Equal(r.Final.Depth, r.Records[^1].DepthAfter);
        Assert.True(r.Records[1].GatesAfter < r.Records[1].GatesBefore); // dce found dead gates
        Assert.All(r.Records, x => Assert.True(x.DepthAfter <= x.DepthBefore && x.GatesAfter <= x.GatesBefore));
        Assert.False(r.Records[^1].Changed); // the fixpoint ended on a quiet round
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(r.Records.Count, lines.Length);
        Assert.StartsWith("const-fold", lines[0], StringComparison.Ordinal);
        Assert.Contains(" ms ", lines[0], StringComparison.Ordinal);
        Assert.Contains($"gates {nl.GateCount,9} -> ", lines[0], StringComparison.Ordinal);
        PassTestKit.AssertEquivalent(nl, r.Final, "-O2");
    }

    [Fact]
    public void O0_returns_the_input()
    {
        var nl = PassTestKit.HandMade();
        var r = new PassManager().Run(nl, "-O0");
        Assert.Same(nl, r.Final);
        Assert.Empty(r.Records);
    }

    [Fact]
    public void Dumps_after_chosen_passes_to_a_folder()
    {
        using var dir = new TempDir();
        var nl = PassTestKit.HandMade();
        var pm = new PassManager { DumpAfter = new HashSet<string> { "dce", "balance" }, DumpDirectory = dir.Path };
        var r = pm.Run(nl, "const-fold(x[0]=1),dce,balance");
        Assert.Equal(["02-dce.txt", "03-balance.txt"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(NetlistDump.ToText(r.Final), File.ReadAllText(dir.File("03-balance.txt")));
    }

    [Fact]
    public void Dumps_to_the_log_when_no_folder_is_given()
    {
        var log = new StringWriter();
        var pm = new PassManager(new PassContext(log)) { DumpAfter = new HashSet<string> { "*" } };
        var r = pm.Run(PassTestKit.HandMade(), "dce");
        var text = log.ToString();
        Assert.Contains("--- dump after dce\n" + NetlistDump.ToText(r.Final), text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixpoint_stops_after_a_round_without_change()
    {
        var nl = PassTestKit.MixedChain(20, 80);
        var r = new PassManager { VerifyEachPass = true }.Run(nl, "fixpoint(strash,balance,dce)");
        Assert.Equal(0, r.Records.Count % 3);
        Assert.True(r.Records.Count >= 6); // a changing round, then a quiet one
        Assert.All(r.Records.TakeLast(3), x => Assert.False(x.Changed));
    }

    [Fact]
    public void Cancellation_stops_between_passes()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var pm = new PassManager(new PassContext(cancellation: cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => pm.Run(PassTestKit.HandMade(), "strash"));
    }

    private static string Describe(IReadOnlyList<PipelineStep> steps) =>
        string.Join(",", steps.Select(s => s switch
        {
            PassStep p => p.Pass.Name + (p.Pass is PipelinePass pp ? $"/{pp.Every}" : ""),
            FixpointStep f => $"fixpoint({Describe(f.Body)})",
            _ => "?",
        }));

    // The one PassRecord: the pass manager's record is what report.json stores, under its keys of before.
    [Fact]
    public void The_one_pass_record_is_written_under_the_report_keys_and_read_back()
    {
        var b = new NetlistBuilder();
        var x = b.AddInputBus("x", 3);
        b.AddOutputBus("y", [b.And(x[0], b.And(x[1], x[2])), b.And(x[0], x[0])]);
        var record = new PassManager().Run(b.Build(), "balance").Records.Single();
        var json = JsonSerializer.Serialize(record);
        Assert.Equal(
            $"{{\"name\":\"balance\",\"changed\":{(record.Changed ? "true" : "false")},\"before\":{record.GatesBefore},\"after\":{record.GatesAfter},"
            + $"\"ms\":{JsonSerializer.Serialize(Math.Round(record.Elapsed.TotalMilliseconds, 2))},\"depth_before\":{record.DepthBefore},\"depth_after\":{record.DepthAfter}}}",
            json);
        var back = JsonSerializer.Deserialize<PassRecord>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(("balance", record.GatesAfter, record.DepthAfter), (back.Pass, back.GatesAfter, back.DepthAfter));
    }

    [Fact]
    public void The_step_text_is_kept_and_the_pass_name_comes_from_it()
    {
        var r = JsonSerializer.Deserialize<PassRecord>("""{"name":"pipeline(every=3)","changed":true,"before":10,"after":12,"ms":1.25,"depth_before":4,"depth_after":2}""")!;
        Assert.Equal(("pipeline", "pipeline(every=3)", 1.25), (r.Pass, r.Text, r.Milliseconds));
    }

    [Fact]
    public void A_malformed_pass_record_is_refused()
    {
        (string Json, string Message)[] cases =
        [
            ("""{"name":"dce","changed":true,"before":10,"after":8,"ms":1}""", "no \"depth_before\""),
            ("""{"name":"dce","changed":"yes","before":10,"after":8,"ms":1,"depth_before":1,"depth_after":1}""", "\"changed\" is unknown or of the wrong type"),
            ("""{"name":"dce","changed":true,"before":10.5,"after":8,"ms":1,"depth_before":1,"depth_after":1}""", "10.5 is not a count"),
            ("""{"name":"dce","gates":3}""", "\"gates\" is unknown"),
        ];
        foreach (var (json, message) in cases)
            Assert.Contains(message, Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PassRecord>(json)).Message, StringComparison.Ordinal);
    }
}
