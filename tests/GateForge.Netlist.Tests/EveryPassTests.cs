using GateForge.Ir.Passes;
using GateForge.Sim;
using GateForge.TestKit;

namespace GateForge.Ir.Tests;

public sealed class EveryPassTests
{
    public static TheoryData<string> Pipelines() =>
    [
        "const-fold",
        "strash",
        "dce",
        "dce(inputs)",
        "balance",
        "fixpoint(balance,dce)",
        "const-fold(x[0]=1,x[3]=0),dce(inputs),balance",
        "-O1",
        "-O2",
    ];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Pass_keeps_every_random_netlist_equivalent_and_valid(string pipeline)
    {
        foreach (var (name, nl) in PassTestKit.Corpus())
            PassTestKit.RunChecked(nl, pipeline, name);
    }

    [Fact]
    public void Passes_do_not_change_their_input()
    {
        var nl = RandomNetlists.Dag(10, 200, 5, seed: 3);
        var before = NetlistDump.ToText(nl);
        new PassManager().Run(nl, "const-fold(x[2]=1),strash,dce(inputs),balance");
        Assert.Equal(before, NetlistDump.ToText(nl));
    }

    [Fact]
    public void Registry_lists_every_pass_once_with_summary_and_help()
    {
        var names = PassRegistry.All.Select(p => p.Name).ToList();
        Assert.Equal(["const-fold", "strash", "dce", "balance", "pipeline", "abc"], names);
        foreach (var p in PassRegistry.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Summary));
            Assert.DoesNotContain('\n', p.Summary);
            Assert.StartsWith(p.Name, p.Help, StringComparison.Ordinal);
            Assert.Same(p, PassRegistry.Find(p.Name));
        }
    }
}
