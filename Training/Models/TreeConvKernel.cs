using System.Numerics;

namespace GateForge.Training.Models;

/// <summary>
/// A conv layer's logic trees evaluated on the CPU in one pass (forward) and one pass back: for each
/// (output channel, position) the tree's leaves are read straight from the input rows (bits × batch,
/// one contiguous row of samples per bit), every level is computed in a small scratch buffer with
/// vectors along the batch, and only the root row is written. Nothing of size leaves × positions ×
/// batch is made: the tensor-op form (<see cref="TreeConvLayer"/> off the CPU) gathers every leaf
/// and runs six elementwise passes per level, forward and back, over those large tensors.
/// <para>
/// The backward pass recomputes the levels of one tree at a time and sends the gradient down it:
/// the coefficients' sums over positions and samples (weight sharing) and the input rows' sums over
/// the leaves that read them. The channels are cut into a fixed number of parts; each part adds its
/// input gradient into its own buffer, and the buffers are added in part order, so the result does
/// not depend on how many threads ran the parts.
/// </para>
/// </summary>
internal sealed unsafe class TreeConvKernel : IFusedLogicKernel
{
    /// <summary>Channel parts of the backward pass (each with its own input-gradient buffer).</summary>
    private const int Parts = 8;

    private readonly int[] _rows; // channel × position × leaf slot → input row
    private readonly int _channels;
    private readonly int _positions;
    private readonly int _leaves;
    private readonly int _treeGates;
    // _levelStart[k]: the first gate of level k (1 = the leaves' gates), which is also the first row of
    // that level in the buffer where TreeForward keeps every level
    private readonly int[] _levelStart;
    // the backward pass's input-gradient buffers of parts 1.. (part 0 writes the gradient itself), kept
    // between steps and cleared before use; one backward pass at a time per layer
    private float[][] _partGrads = [];

    /// <param name="rows">For each channel, position and leaf slot (in that order) the input row it reads.</param>
    public TreeConvKernel(int[] rows, int channels, int positions, int leaves)
    {
        if (rows.Length != channels * positions * leaves || leaves < 2 || (leaves & (leaves - 1)) != 0)
            throw new ArgumentException("rows must hold channels × positions × leaves entries, leaves a power of two ≥ 2");
        _rows = rows;
        _channels = channels;
        _positions = positions;
        _leaves = leaves;
        _treeGates = leaves - 1;
        var depth = BitOperations.Log2((uint)leaves);
        _levelStart = new int[depth + 1];
        for (int k = 1, offset = 0, width = leaves / 2; k <= depth; k++, offset += width, width /= 2)
            _levelStart[k] = offset;
    }

    /// <summary>Rows of the output: channels × positions.</summary>
    public int OutputRows => _channels * _positions;

    /// <summary>
    /// <paramref name="output"/>[(channel · positions + position) · batch + s] = the tree of the channel
    /// at the position on sample s. <paramref name="x"/>: input rows × batch; <paramref name="c"/>:
    /// (channel · treeGates + gate) × 4 coefficients of c0 + c1·a + c2·b + c3·ab.
    /// </summary>
    public void Forward(float* x, float* c, float* output, int batch, int threads)
    {
        var input = (nint)x;
        var coefficients = (nint)c;
        var result = (nint)output;
        FusedLoops.Run(threads, _channels, (first, end) =>
        {
            var scratch = new float[_leaves / 2 * batch];
            fixed (float* s = scratch)
                for (var co = first; co < end; co++)
                    for (var p = 0; p < _positions; p++)
                    {
                        var root = TreeForward((float*)input, (float*)coefficients, co, p, s, batch, keepLevels: false);
                        new ReadOnlySpan<float>(root, batch).CopyTo(new Span<float>((float*)result + ((long)co * _positions + p) * batch, batch));
                    }
        });
    }

    /// <summary>
    /// The gradients of the forward pass: <paramref name="gradC"/> (same shape as the coefficients) is
    /// overwritten; <paramref name="gradX"/> (input rows × batch), when not null, is overwritten with
    /// the input's gradient.
    /// </summary>
    public void Backward(float* x, float* c, float* gradOutput, float* gradC, float* gradX, int rows, int batch, int threads)
    {
        var input = (nint)x;
        var coefficients = (nint)c;
        var upstream = (nint)gradOutput;
        var coefficientGrad = (nint)gradC;
        var parts = Math.Min(Parts, _channels);
        var size = (long)rows * batch;
        var partGrads = gradX is null ? Array.Empty<float[]>() : PartGrads(parts - 1, size);
        if (gradX is not null)
            new Span<float>(gradX, checked((int)size)).Clear();
        var inputGrad = (nint)gradX;
        FusedLoops.Run(threads, parts, (firstPart, endPart) =>
        {
            // levels: every level's rows of one tree (leaves/2 + leaves/4 + … + 1); grads: two levels' worth
            var levels = new float[_treeGates * batch];
            var grads = new float[(_leaves + _leaves / 2) * batch];
            var sums = new double[_treeGates * 4];
            for (var part = firstPart; part < endPart; part++)
            {
                // part 0 adds into the input gradient itself, every other part into a buffer of its own
                var own = inputGrad == 0 || part == 0 ? null : partGrads[part - 1];
                if (own is not null)
                    Array.Clear(own);
                fixed (float* l = levels)
                fixed (float* g = grads)
                fixed (float* ownPtr = own)
                {
                    var target = inputGrad == 0 ? null : part == 0 ? (float*)inputGrad : ownPtr;
                    var (first, end) = FusedLoops.Slice(part, parts, _channels);
                    for (var co = first; co < end; co++)
                    {
                        Array.Clear(sums);
                        for (var p = 0; p < _positions; p++)
                        {
                            TreeForward((float*)input, (float*)coefficients, co, p, l, batch, keepLevels: true);
                            TreeBackward((float*)input, (float*)coefficients, co, p, l, g, (float*)upstream + ((long)co * _positions + p) * batch, sums, target, batch);
                        }
                        var dst = (float*)coefficientGrad + (long)co * _treeGates * 4;
                        for (var i = 0; i < sums.Length; i++)
                            dst[i] = (float)sums[i];
                    }
                }
            }
        });
        foreach (var part in partGrads)
            fixed (float* src = part)
                FusedLoops.Add(gradX, src, size);
    }

    // count buffers of size floats, reused while the shape stays the same
    private float[][] PartGrads(int count, long size)
    {
        if (_partGrads.Length != count || (count > 0 && _partGrads[0].LongLength != size))
            _partGrads = Enumerable.Range(0, count).Select(_ => new float[size]).ToArray();
        return _partGrads;
    }

    // Evaluates one tree at one position into buffer and returns its root row. Without keepLevels the
    // levels are computed in place (leaves/2 rows); with it level k's rows are kept one after the other
    // from row _levelStart[k] (leaves − 1 rows in all), as TreeBackward reads them.
    private float* TreeForward(float* x, float* c, int co, int p, float* buffer, int batch, bool keepLevels)
    {
        var slots = _rows.AsSpan((co * _positions + p) * _leaves, _leaves);
        var cc = c + (long)co * _treeGates * 4;
        var half = _leaves / 2;
        for (var i = 0; i < half; i++)
            FusedLoops.Gate(cc + i * 4, x + (long)slots[i] * batch, x + (long)slots[i + half] * batch, buffer + (long)i * batch, batch);
        var gate = half;
        var below = buffer;
        for (var width = half; width > 1; width /= 2)
        {
            var gates = width / 2;
            var above = keepLevels ? below + (long)width * batch : below;
            for (var i = 0; i < gates; i++)
                FusedLoops.Gate(cc + (gate + i) * 4, below + (long)i * batch, below + (long)(i + gates) * batch, above + (long)i * batch, batch);
            gate += gates;
            below = above;
        }
        return below;
    }

    // Sends the root's gradient (upstream, one row) down the tree whose levels TreeForward kept.
    private void TreeBackward(float* x, float* c, int co, int p, float* levels, float* grads, float* upstream, double[] sums, float* gradX, int batch)
    {
        var slots = _rows.AsSpan((co * _positions + p) * _leaves, _leaves);
        var cc = c + (long)co * _treeGates * 4;
        var depth = _levelStart.Length - 1;
        // gradient rows of the current level's outputs: grads[0 .. width), of its inputs: grads[leaves/2 ..]
        var gOut = grads;
        var gIn = grads + (long)(_leaves / 2) * batch;
        new ReadOnlySpan<float>(upstream, batch).CopyTo(new Span<float>(gOut, batch));
        for (var k = depth; k >= 1; k--)
        {
            var gates = _leaves >> k;
            for (var i = 0; i < gates; i++)
            {
                var gate = _levelStart[k] + i;
                float* a;
                float* b;
                if (k == 1)
                {
                    a = x + (long)slots[i] * batch;
                    b = x + (long)slots[i + gates] * batch;
                }
                else
                {
                    a = levels + (long)(_levelStart[k - 1] + i) * batch;
                    b = levels + (long)(_levelStart[k - 1] + i + gates) * batch;
                }
                FusedLoops.GateBackward(cc + gate * 4, a, b, gOut + (long)i * batch, gIn + (long)i * batch, gIn + (long)(i + gates) * batch, sums.AsSpan(gate * 4, 4), batch);
            }
            if (k == 1)
            {
                if (gradX is not null)
                    for (var j = 0; j < _leaves; j++)
                        FusedLoops.Add(gradX + (long)slots[j] * batch, gIn + (long)j * batch, batch);
            }
            else
            {
                // the inputs' gradients become the next level's output gradients
                new ReadOnlySpan<float>(gIn, 2 * gates * batch).CopyTo(new Span<float>(gOut, 2 * gates * batch));
            }
        }
    }
}
