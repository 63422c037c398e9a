namespace GateForge.Ir;

/// <summary>
/// Literals are plain ints, <c>2*node + inverted</c> (SPEC §2). Literal 0 is FALSE, 1 is TRUE.
/// Keeping them as ints (not a wrapper struct) keeps the flat arrays and hash keys cheap.
/// </summary>
public static class Lit
{
    public const int False = 0;
    public const int True = 1;

    public static int Make(int node, bool inverted = false) => (node << 1) | (inverted ? 1 : 0);
    public static int Node(int lit) => lit >> 1;
    public static bool IsInverted(int lit) => (lit & 1) != 0;
    public static int Not(int lit) => lit ^ 1;
    public static int Regular(int lit) => lit & ~1;
    public static int NotIf(int lit, bool condition) => lit ^ (condition ? 1 : 0);
    public static bool IsConst(int lit) => lit < 2;

    public static string Format(int lit) => lit switch
    {
        False => "0",
        True => "1",
        _ => (IsInverted(lit) ? "!" : "") + "n" + Node(lit).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
