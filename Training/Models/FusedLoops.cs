using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GateForge.Training.Models;

/// <summary>
/// The loops the fused CPU kernels (<see cref="DenseKernel"/>, <see cref="TreeConvKernel"/>) share: one
/// relaxed gate over a row of samples forward and back, row sums, and the deterministic split of work
/// over threads.
/// </summary>
internal static unsafe class FusedLoops
{
    /// <summary>
    /// output = (c0 + a·(c1 + c3·b)) + c2·b over n samples: the operations, in the order, of the
    /// tensor-op form (<see cref="LogicLayer"/>, <see cref="TreeConvLayer"/> off the CPU), so the fused
    /// forward pass gives the same floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gate(float* c, float* a, float* b, float* output, int n)
    {
        float c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> v0 = new(c0), v1 = new(c1), v2 = new(c2), v3 = new(c3);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var va = Vector.Load(a + i);
                var vb = Vector.Load(b + i);
                Vector.Store(v0 + va * (v1 + v3 * vb) + v2 * vb, output + i);
            }
        }
        for (; i < n; i++)
            output[i] = c0 + a[i] * (c1 + c3 * b[i]) + c2 * b[i];
    }

    /// <summary>
    /// With g the gradient of the gate's output: sums += (Σg, Σg·a, Σg·b, Σg·a·b);
    /// gA = g·(c1 + c3·b), gB = g·(c2 + c3·a).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void GateBackward(float* c, float* a, float* b, float* g, float* gA, float* gB, Span<double> sums, int n)
    {
        float c1 = c[1], c2 = c[2], c3 = c[3];
        var i = 0;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> v1 = new(c1), v2 = new(c2), v3 = new(c3);
            Vector<float> t0 = default, t1 = default, t2 = default, t3 = default;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var va = Vector.Load(a + i);
                var vb = Vector.Load(b + i);
                var vg = Vector.Load(g + i);
                var ga = vg * va;
                t0 += vg;
                t1 += ga;
                t2 += vg * vb;
                t3 += ga * vb;
                Vector.Store(vg * (v1 + v3 * vb), gA + i);
                Vector.Store(vg * (v2 + v3 * va), gB + i);
            }
            s0 = Vector.Sum(t0);
            s1 = Vector.Sum(t1);
            s2 = Vector.Sum(t2);
            s3 = Vector.Sum(t3);
        }
        for (; i < n; i++)
        {
            var gi = g[i];
            s0 += gi;
            s1 += gi * a[i];
            s2 += gi * b[i];
            s3 += gi * a[i] * b[i];
            gA[i] = gi * (c1 + c3 * b[i]);
            gB[i] = gi * (c2 + c3 * a[i]);
        }
        sums[0] += s0;
        sums[1] += s1;
        sums[2] += s2;
        sums[3] += s3;
    }

    /// <summary>target[i] += source[i] for i &lt; n.</summary>
    public static void Add(float* target, float* source, long n)
    {
        long i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                Vector.Store(Vector.Load(target + i) + Vector.Load(source + i), target + i);
        for (; i < n; i++)
            target[i] += source[i];
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> contiguous parts of [0, count).</summary>
    public static (int First, int End) Slice(int part, int parts, int count) =>
        ((int)((long)part * count / parts), (int)((long)(part + 1) * count / parts));

    /// <summary>
    /// Items [0, count) in up to <paramref name="threads"/> contiguous slices, run in parallel; each
    /// item's work is the same whatever the thread count, only who runs it changes.
    /// </summary>
    public static void Run(int threads, int count, Action<int, int> work)
    {
        var slices = Math.Clamp(threads, 1, Math.Max(count, 1));
        if (slices == 1)
        {
            work(0, count);
            return;
        }
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, k =>
        {
            var (first, end) = Slice(k, slices, count);
            work(first, end);
        });
    }

    /// <summary>The address of a contiguous CPU tensor's first element (libtorch's data_ptr).</summary>
    public static float* Data(TorchSharp.torch.Tensor t) => (float*)THSTensor_data(t.Handle);

    [DllImport("LibTorchSharp")]
    private static extern nint THSTensor_data(nint tensor);
}
