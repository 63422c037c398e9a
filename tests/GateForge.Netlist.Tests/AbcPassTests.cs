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
        var log = new StringWriter();
        var r = new AbcPass("&get -n; &st; &put").Run(nl, new PassContext(log));
        Assert.False(r.Changed);
        Assert.Same(nl, r.Netlist);
        Assert.Equal(0, r.Counts["kept"]);
        Assert.Contains("not smaller", log.ToString(), StringComparison.Ordinal);
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

        var log = new StringWriter();
        var r = new AbcPass($"read {wrongPath}").Run(nl, new PassContext(log) { WorkDirectory = dir.Path });
        Assert.False(r.Changed, log.ToString());
        Assert.Same(nl, r.Netlist);
        Assert.Equal(0, r.Counts["proven"]);
        Assert.Contains("did not prove", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Is_skipped_with_a_message_when_abc_is_not_installed()
    {
        var nl = Redundant();
        var log = new StringWriter();
        var r = new AbcPass().Run(nl, new PassContext(log) { AbcExecutable = "gateforge-no-such-abc" });
        Assert.False(r.Changed);
        Assert.Same(nl, r.Netlist);
        Assert.Equal(1, r.Counts["skipped"]);
        Assert.Contains("gateforge-no-such-abc is not installed", log.ToString(), StringComparison.Ordinal);
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
}
