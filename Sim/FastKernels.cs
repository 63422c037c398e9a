using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GateForge.Sim;

/// <summary>One gate operation on 512, 256 or 64 samples at a time (a struct, so each kernel is specialised).</summary>
internal interface IGateOp
{
    static abstract Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b);
    static abstract Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b);
    static abstract ulong Apply(ulong a, ulong b);
}

internal readonly struct AndOp : IGateOp
{
    public static Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b) => a & b;
    public static Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b) => a & b;
    public static ulong Apply(ulong a, ulong b) => a & b;
}

internal readonly struct AndNotBOp : IGateOp
{
    public static Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b) => Vector512.AndNot(a, b);
    public static Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b) => Vector256.AndNot(a, b);
    public static ulong Apply(ulong a, ulong b) => a & ~b;
}

internal readonly struct AndNotAOp : IGateOp
{
    public static Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b) => Vector512.AndNot(b, a);
    public static Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b) => Vector256.AndNot(b, a);
    public static ulong Apply(ulong a, ulong b) => b & ~a;
}

internal readonly struct NorOp : IGateOp
{
    public static Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b) => ~(a | b);
    public static Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b) => ~(a | b);
    public static ulong Apply(ulong a, ulong b) => ~(a | b);
}

internal readonly struct XorOp : IGateOp
{
    public static Vector512<ulong> Apply(Vector512<ulong> a, Vector512<ulong> b) => a ^ b;
    public static Vector256<ulong> Apply(Vector256<ulong> a, Vector256<ulong> b) => a ^ b;
    public static ulong Apply(ulong a, ulong b) => a ^ b;
}

/// <summary>
/// The inner loops of the fast engine: one group of gates of the same operation over one tile of
/// the scratch. <paramref name="shift"/> is log2 of the tile width in words; the slot of a value
/// starts at word <c>slot &lt;&lt; shift</c>. The vector width branch is folded by the JIT.
/// </summary>
internal static unsafe class FastKernels
{
    public static void Run(FastOp op, int* ops, int count, ulong* scratch, int shift)
    {
        switch (op)
        {
            case FastOp.And:
                Run<AndOp>(ops, count, scratch, shift);
                break;
            case FastOp.AndNotB:
                Run<AndNotBOp>(ops, count, scratch, shift);
                break;
            case FastOp.AndNotA:
                Run<AndNotAOp>(ops, count, scratch, shift);
                break;
            case FastOp.Nor:
                Run<NorOp>(ops, count, scratch, shift);
                break;
            default:
                Run<XorOp>(ops, count, scratch, shift);
                break;
        }
    }

    /// <summary>Words per vector register this engine uses: 8 (AVX-512), 4 (AVX2) or 1.</summary>
    public static int VectorWords =>
        Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TOp>(int* ops, int count, ulong* scratch, int shift) where TOp : struct, IGateOp
    {
        var words = 1 << shift;
        var end = ops + 3 * count;
        if (Vector512.IsHardwareAccelerated && words >= 8)
        {
            if (words == 8)
            {
                for (var p = ops; p < end; p += 3)
                {
                    var a = Vector512.Load(scratch + ((long)p[1] << shift));
                    var b = Vector512.Load(scratch + ((long)p[2] << shift));
                    Vector512.Store(TOp.Apply(a, b), scratch + ((long)p[0] << shift));
                }
                return;
            }
            for (var p = ops; p < end; p += 3)
            {
                var d = scratch + ((long)p[0] << shift);
                var a = scratch + ((long)p[1] << shift);
                var b = scratch + ((long)p[2] << shift);
                for (var w = 0; w < words; w += 16)
                {
                    var r0 = TOp.Apply(Vector512.Load(a + w), Vector512.Load(b + w));
                    var r1 = TOp.Apply(Vector512.Load(a + w + 8), Vector512.Load(b + w + 8));
                    Vector512.Store(r0, d + w);
                    Vector512.Store(r1, d + w + 8);
                }
            }
            return;
        }
        if (Vector256.IsHardwareAccelerated && words >= 4)
        {
            for (var p = ops; p < end; p += 3)
            {
                var d = scratch + ((long)p[0] << shift);
                var a = scratch + ((long)p[1] << shift);
                var b = scratch + ((long)p[2] << shift);
                for (var w = 0; w < words; w += 4)
                    Vector256.Store(TOp.Apply(Vector256.Load(a + w), Vector256.Load(b + w)), d + w);
            }
            return;
        }
        for (var p = ops; p < end; p += 3)
        {
            var d = scratch + ((long)p[0] << shift);
            var a = scratch + ((long)p[1] << shift);
            var b = scratch + ((long)p[2] << shift);
            for (var w = 0; w < words; w++)
                d[w] = TOp.Apply(a[w], b[w]);
        }
    }
}
