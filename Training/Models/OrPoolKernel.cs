using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// OR pooling relaxed as max, on the CPU on input rows × batch (the fused layers' layout, so a pool
/// between two of them copies nothing): output row (c · H' + oy) · W' + ox is the maximum of the
/// window's input rows, a zero-padding slot counting as 0, and the first maximum in window order
/// (row-major) wins, as in max_pool2d over the zero-padded image. Backward sends each output's
/// gradient to the row that won; one channel's outputs are done by one thread, in output order, so
/// the result does not depend on the thread count.
/// </summary>
internal sealed unsafe class OrPoolKernel
{
    private const int Padding = -1;
    private readonly int[] _window; // output row × window slot → input row, or Padding
    private readonly int _slots;
    private readonly int _channels;
    private readonly int _outputsPerChannel; // one channel's output rows, contiguous (channel-major output)

    public OrPoolKernel(ImageGeometry geometry)
    {
        _slots = geometry.Window * geometry.Window;
        _channels = geometry.Out.Channels;
        _outputsPerChannel = geometry.Out.Pixels;
        InputRows = geometry.In.Bits;
        OutputRows = geometry.Out.Bits;
        _window = new int[OutputRows * _slots];
        var k = 0;
        for (var c = 0; c < geometry.Out.Channels; c++)
            for (var oy = 0; oy < geometry.Out.Height; oy++)
                for (var ox = 0; ox < geometry.Out.Width; ox++)
                    for (var w = 0; w < _slots; w++)
                        _window[k++] = geometry.InputBit(geometry.PoolOffset(c, w), oy, ox); // −1 on padding
    }

    public int InputRows { get; }
    public int OutputRows { get; }

    /// <summary>Each output's maximum, and (in <paramref name="winner"/>, outputs × batch) the input row it came from or −1 for padding.</summary>
    public void Forward(float* x, float* output, int* winner, int batch, int threads)
    {
        var (input, result, won) = ((nint)x, (nint)output, (nint)winner);
        FusedLoops.Run(threads, _channels, (first, end) =>
        {
            for (var o = first * _outputsPerChannel; o < end * _outputsPerChannel; o++)
            {
                var y = (float*)result + (long)o * batch;
                var from = (int*)won + (long)o * batch;
                var window = _window.AsSpan(o * _slots, _slots);
                var row = window[0];
                if (row == Padding)
                {
                    new Span<float>(y, batch).Clear();
                    new Span<int>(from, batch).Fill(Padding);
                }
                else
                {
                    new ReadOnlySpan<float>((float*)input + (long)row * batch, batch).CopyTo(new Span<float>(y, batch));
                    new Span<int>(from, batch).Fill(row);
                }
                for (var w = 1; w < _slots; w++)
                    Max(y, from, window[w], window[w] == Padding ? null : (float*)input + (long)window[w] * batch, batch);
            }
        });
    }

    // y = max(y, v) where v is strictly larger (v = 0 on padding), recording its row
    private static void Max(float* y, int* from, int row, float* v, int n)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && v is not null)
        {
            var rows = new Vector<int>(row);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var current = Vector.Load(y + i);
                var candidate = Vector.Load(v + i);
                var larger = Vector.GreaterThan(candidate, current);
                Vector.Store(Vector.ConditionalSelect(larger, candidate, current), y + i);
                Vector.Store(Vector.ConditionalSelect(larger, rows, Vector.Load(from + i)), from + i);
            }
        }
        for (; i < n; i++)
        {
            var value = v is null ? 0f : v[i];
            if (value > y[i])
            {
                y[i] = value;
                from[i] = row;
            }
        }
    }

    /// <summary><paramref name="gradX"/> (input rows × batch) is overwritten with the input's gradient.</summary>
    public void Backward(float* gradOutput, int* winner, float* gradX, int batch, int threads)
    {
        new Span<float>(gradX, checked(InputRows * batch)).Clear();
        var (upstream, won, inputGrad) = ((nint)gradOutput, (nint)winner, (nint)gradX);
        FusedLoops.Run(threads, _channels, (first, end) =>
        {
            for (var o = first * _outputsPerChannel; o < end * _outputsPerChannel; o++)
            {
                var g = (float*)upstream + (long)o * batch;
                var from = (int*)won + (long)o * batch;
                for (var s = 0; s < batch; s++)
                    if (from[s] != Padding)
                        ((float*)inputGrad)[(long)from[s] * batch + s] += g[s];
            }
        });
    }
}

/// <summary><see cref="OrPoolKernel"/> as an autograd function on input rows × batch (contiguous, float32, CPU).</summary>
internal sealed class OrPoolFunction : autograd.SingleTensorFunction<OrPoolFunction>
{
    private const string KernelKey = "kernel";

    public override string Name => nameof(OrPoolFunction);

    public static Tensor Apply(Tensor xt, OrPoolKernel kernel) => apply(xt, kernel);

    public override unsafe Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var xt = ((Tensor)vars[0]).contiguous();
        var kernel = (OrPoolKernel)vars[1];
        var batch = (int)xt.shape[1];
        var output = empty([kernel.OutputRows, batch], ScalarType.Float32);
        var winner = empty([kernel.OutputRows, batch], ScalarType.Int32);
        kernel.Forward(FusedLoops.Data(xt), FusedLoops.Data(output), (int*)FusedLoops.Data(winner), batch, get_num_threads());
        ctx.save_for_backward([winner]);
        ctx.save_data(KernelKey, kernel);
        return output;
    }

    public override unsafe List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var winner = ctx.get_saved_variables()[0];
        var kernel = (OrPoolKernel)ctx.get_data(KernelKey);
        var upstream = grad_output.contiguous();
        var batch = (int)upstream.shape[1];
        var gradX = empty([kernel.InputRows, batch], ScalarType.Float32);
        kernel.Backward(FusedLoops.Data(upstream), (int*)FusedLoops.Data(winner), FusedLoops.Data(gradX), batch, get_num_threads());
        return [gradX, null!];
    }
}
