namespace GateForge.Ir.Passes;

/// <summary>
/// The named levels, written like compiler flags; each is a pipeline string and may stand anywhere
/// a pass may (<c>"-O2,pipeline(every=4)"</c>).
/// <list type="bullet">
/// <item><c>-O0</c>: nothing; the netlist as frozen.</item>
/// <item><c>-O1</c>: <c>const-fold,dce</c>: fold constants (and constrained inputs), merge equal
/// gates (const-fold rebuilds through the builder, so it strashes too), drop dead logic. Linear time.</item>
/// <item><c>-O2</c>: -O1, then <c>fixpoint(balance,dce)</c>: balanced AND/XOR trees to cut depth;
/// balancing merges repeated leaves, which may leave more dead logic. Near-linear; the default.</item>
/// <item><c>-O3</c>: -O2, then <c>abc</c>: ABC's <c>&amp;dc2</c>, kept only when smaller and proven
/// equivalent by <c>cec</c>; skipped when ABC is not installed. Slow on large netlists.</item>
/// </list>
/// </summary>
public static class OptimisationLevels
{
    public static IReadOnlyList<string> Names { get; } = ["-O0", "-O1", "-O2", "-O3"];

    public static bool IsLevel(string name) => Names.Contains(name);

    public static string Pipeline(string level) => level switch
    {
        "-O0" => "",
        "-O1" => "const-fold,dce",
        "-O2" => "const-fold,dce,fixpoint(balance,dce)",
        "-O3" => "-O2,abc",
        _ => throw new ArgumentException($"unknown optimisation level '{level}' (known: {string.Join(", ", Names)})"),
    };
}
