namespace GateForge.Ir.Passes;

/// <summary>
/// Every pass by name, listed explicitly (no reflection), for pipeline strings,
/// <c>gateforge passes</c> and <c>gateforge help &lt;pass&gt;</c>.
/// </summary>
public static class PassRegistry
{
    /// <summary>One instance of each pass with default options, in the order `gateforge passes` lists them.</summary>
    public static IReadOnlyList<Pass> All { get; } =
    [
        new ConstFoldPass(),
        new StrashPass(),
        new DcePass(),
        new BalancePass(),
        new PipelinePass(4),
        new AbcPass(),
    ];

    public static Pass? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>A pass built from its pipeline options; an unknown name or option is an <see cref="ArgumentException"/>.</summary>
    public static Pass Create(string name, PassOptions options)
    {
        Pass pass = name switch
        {
            "const-fold" => ConstFoldPass.FromOptions(options),
            "strash" => NoOptions(new StrashPass(), options),
            "dce" => DcePass.FromOptions(options),
            "balance" => NoOptions(new BalancePass(), options),
            "pipeline" => PipelinePass.FromOptions(options),
            "abc" => AbcPass.FromOptions(options),
            _ => throw new ArgumentException($"unknown pass '{name}' (known: {string.Join(", ", All.Select(p => p.Name))}, fixpoint, {string.Join(", ", OptimisationLevels.Names)})"),
        };
        return pass;
    }

    private static Pass NoOptions(Pass pass, PassOptions options)
    {
        options.RejectUnknown();
        return pass;
    }
}
