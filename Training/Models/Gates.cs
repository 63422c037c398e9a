namespace GateForge.Training.Models;

/// <summary>
/// The sixteen two-input gates of SPEC §1 as relaxations c0 + c1·a + c2·b + c3·ab, and the
/// truth-table view of a gate id (id = 8·f(0,0) + 4·f(0,1) + 2·f(1,0) + f(1,1)).
/// </summary>
public static class Gates
{
    public const int Count = 16;

    /// <summary>Gate id of the pass-through gate A (the residual initialisation favours it).</summary>
    public const int PassA = 3;
    /// <summary>Gate ids of AND, NOT-A-AND-B and OR (the local state wiring's steered shift starts from them).</summary>
    public const int And = 1, NotAAndB = 4, Or = 7;

    /// <summary>Row g holds (c0, c1, c2, c3) of gate g.</summary>
    public static float[] CoefficientMatrix()
    {
        var m = new float[Count * 4];
        for (var g = 0; g < Count; g++)
        {
            // f(a,b) = f00(1-a)(1-b) + f01(1-a)b + f10 a(1-b) + f11 ab, expanded.
            var (f00, f01, f10, f11) = TruthTable(g);
            m[g * 4 + 0] = f00;
            m[g * 4 + 1] = f10 - f00;
            m[g * 4 + 2] = f01 - f00;
            m[g * 4 + 3] = f00 - f01 - f10 + f11;
        }
        return m;
    }

    /// <summary>The gate's outputs f(0,0), f(0,1), f(1,0), f(1,1) (as 0/1).</summary>
    public static (int F00, int F01, int F10, int F11) TruthTable(int gateId)
    {
        if ((uint)gateId >= Count)
            throw new ArgumentOutOfRangeException(nameof(gateId), gateId, "gate id must be 0..15");
        return ((gateId >> 3) & 1, (gateId >> 2) & 1, (gateId >> 1) & 1, gateId & 1);
    }

    /// <summary>The gate id whose truth table is f(0,0), f(0,1), f(1,0), f(1,1).</summary>
    public static int FromTruthTable(bool f00, bool f01, bool f10, bool f11) =>
        (f00 ? 8 : 0) | (f01 ? 4 : 0) | (f10 ? 2 : 0) | (f11 ? 1 : 0);

    /// <summary>The gate applied to 64 samples at once.</summary>
    public static ulong Apply(int gateId, ulong a, ulong b)
    {
        var m00 = 0UL - (ulong)((gateId >> 3) & 1);
        var m01 = 0UL - (ulong)((gateId >> 2) & 1);
        var m10 = 0UL - (ulong)((gateId >> 1) & 1);
        var m11 = 0UL - (ulong)(gateId & 1);
        return (~a & ~b & m00) | (~a & b & m01) | (a & ~b & m10) | (a & b & m11);
    }
}
