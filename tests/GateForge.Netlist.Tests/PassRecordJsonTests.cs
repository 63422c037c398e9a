using System.Text.Json;
using GateForge.Ir.Passes;

namespace GateForge.Ir.Tests;

/// <summary>The one <see cref="PassRecord"/>: the pass manager's record is what report.json stores, under its keys of before.</summary>
public sealed class PassRecordJsonTests
{
    [Fact]
    public void A_pass_managers_record_is_written_under_the_report_keys_and_read_back()
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

    [Theory]
    [InlineData("""{"name":"dce","changed":true,"before":10,"after":8,"ms":1}""", "no \"depth_before\"")]
    [InlineData("""{"name":"dce","changed":"yes","before":10,"after":8,"ms":1,"depth_before":1,"depth_after":1}""", "\"changed\" is unknown or of the wrong type")]
    [InlineData("""{"name":"dce","changed":true,"before":10.5,"after":8,"ms":1,"depth_before":1,"depth_after":1}""", "10.5 is not a count")]
    [InlineData("""{"name":"dce","gates":3}""", "\"gates\" is unknown")]
    public void A_malformed_record_is_refused(string json, string message)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PassRecord>(json));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
