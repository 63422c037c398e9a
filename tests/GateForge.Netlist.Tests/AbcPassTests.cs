using GateForge.Ir.Passes;
using GateForge.Ir.Tools;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

/// <summary>The abc pass against the installed berkeley-abc (CI installs it).</summary>
public sealed class AbcPassTests
{
    /// <summary>A layered netlist with plenty for &amp;dc2 to find, small enough for ABC to take well under a second.</summary>
    private static Netlist Redundant() => RandomNetlists.Layered(20, [80, 80, 60, 30], seed: 21, headClasses: 3);

    [Fact]
    public void Keeps_a_smaller_result_that_cec_proves_equivalent()
    {
        Assert.True(ExternalTool.IsInstalled("berkeley-abc"), "berkeley-abc must be installed for this test");
        using var dir = new TempDir();
        var nl = new PassManager().Run(Redundant(), "-O1").Final;
        var log = new StringWriter();
        var r = new PassManager(new PassContext(log) { WorkDirectory = dir.Path }) { VerifyEachPass = true }.Run(nl, "abc");
        var rec = Assert.Single(r.Records);
        Assert.True(rec.Changed, log.ToString());
        Assert.Equal(1, rec.Counts["kept"]);
        Assert.Equal(1, rec.Counts["proven"]);
        Assert.True(r.Final.AndEquivalent < nl.AndEquivalent);
        Assert.Equal(nl.InputBuses.Select(b => (b.Name, b.Width)), r.Final.InputBuses.Select(b => (b.Name, b.Width)));
        Assert.Equal(nl.OutputBuses.Select(b => (b.Name, b.Width)), r.Final.OutputBuses.Select(b => (b.Name, b.Width)));
        Assert.Equal(nl.Attributes, r.Final.Attributes);
        PassTestKit.AssertEquivalent(nl, r.Final, "abc");
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path)); // scratch files removed
    }

    [Fact]
    public void Keeps_the_input_when_the_result_is_not_smaller()
    {
        var nl = PassTestKit.Chain(4, xor: false); // three ANDs: nothing to gain
        AssertKeepsInput(nl, new AbcPass("&get -n; &st; &put"), log => new PassContext(log), ("kept", 0), "not smaller");
    }

    [Fact]
    public void Keeps_the_input_when_a_smaller_result_is_not_equivalent()
    {
        // The script throws away the network and reads a smaller, different one with the same
        // interface: smaller, but cec must refuse it.
        using var dir = new TempDir();
        var nl = new PassManager().Run(Redundant(), "-O1").Final;
        var b = NetlistBuilder.StartFrom(nl, out _);
        var x = nl.InputBus("x").Bits;
        foreach (var bus in nl.OutputBuses)
            b.AddOutputBus(bus.Name, Enumerable.Range(0, bus.Width).Select(i => b.And(x[i], x[i + 1])).ToArray());
        var wrong = b.Build();
        var wrongPath = dir.File("wrong.aig");
        Aiger.Save(wrong, wrongPath);
        Assert.True(wrong.AndEquivalent < nl.AndEquivalent);

        AssertKeepsInput(nl, new AbcPass($"read {wrongPath}"), log => new PassContext(log) { WorkDirectory = dir.Path }, ("proven", 0), "did not prove");
    }

    [Fact]
    public void Is_skipped_with_a_message_when_abc_is_not_installed()
    {
        AssertKeepsInput(Redundant(), new AbcPass(), log => new PassContext(log) { AbcExecutable = "gateforge-no-such-abc" }, ("skipped", 1),
            "gateforge-no-such-abc is not installed");
    }

    [Fact]
    public void A_failing_script_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new AbcPass("no_such_abc_command").Run(Redundant(), new PassContext()));
        Assert.Contains("abc:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Script_option_is_parsed_with_quotes()
    {
        var step = Assert.IsType<PassStep>(Assert.Single(PipelineParser.Parse("abc(script=\"&get -n; &dc2; &put\")")));
        Assert.Equal("&get -n; &dc2; &put", Assert.IsType<AbcPass>(step.Pass).Script);
    }

    // The pass returns its input unchanged, with the count that says why and the reason in its log.
    private static void AssertKeepsInput(Netlist nl, AbcPass pass, Func<TextWriter, PassContext> context, (string Name, long Value) count, string said)
    {
        var log = new StringWriter();
        var r = pass.Run(nl, context(log));
        Assert.False(r.Changed, log.ToString());
        Assert.Same(nl, r.Netlist);
        Assert.Equal(count.Value, r.Counts[count.Name]);
        Assert.Contains(said, log.ToString(), StringComparison.Ordinal);
    }
}
