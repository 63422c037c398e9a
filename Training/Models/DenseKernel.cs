namespace GateForge.Training.Models;

/// <summary>
/// A dense layer's neurons evaluated on the CPU in one pass forward and two passes back, on input
/// rows × batch (one contiguous row of samples per bit): neuron i reads rows a[i] and b[i] and writes
/// output row i. The tensor-op form (<see cref="LogicLayer"/> off the CPU) gathers both operand
/// tensors and runs five elementwise passes forward and more back, each over batch × neurons.
/// <para>
/// Backward: the first pass, over the neurons, sums each neuron's coefficient gradient over the
/// samples and writes its two operand gradients into a scratch buffer; the second, over the input
/// rows, adds to each row the operand gradients of the neurons that read it, in neuron order. So
/// every row is written by one thread, and the result does not depend on how many threads ran.
/// </para>
/// </summary>
internal sealed unsafe class DenseKernel : IFusedLogicKernel
{
    private readonly int[] _a;
    private readonly int[] _b;
    private readonly int _inputs;
    // the readers of each input row, CSR style: _readers[_readStart[r] .. _readStart[r + 1]) are the
    // operand slots (2 · neuron + 0 for a, + 1 for b) that read row r, ascending
    private readonly int[] _readStart;
    private readonly int[] _readers;
    // the backward pass's operand gradients (2 · neurons × batch), kept between steps; one backward
    // pass at a time per layer
    private float[] _operandGrads = [];

    public DenseKernel(int inputs, int[] a, int[] b)
    {
        if (a.Length != b.Length || a.Concat(b).Any(i => i < 0 || i >= inputs))
            throw new ArgumentException("a and b must be equally long and index the inputs");
        (_inputs, _a, _b) = (inputs, a, b);
        _readStart = new int[inputs + 1];
        foreach (var i in a.Concat(b))
            _readStart[i + 1]++;
        for (var r = 0; r < inputs; r++)
            _readStart[r + 1] += _readStart[r];
        _readers = new int[2 * a.Length];
        var fill = _readStart[..inputs];
        for (var n = 0; n < a.Length; n++)
        {
            _readers[fill[a[n]]++] = 2 * n;
            _readers[fill[b[n]]++] = 2 * n + 1;
        }
    }

    public int OutputRows => _a.Length;

    public void Forward(float* x, float* c, float* output, int batch, int threads)
    {
        var (input, coefficients, result) = ((nint)x, (nint)c, (nint)output);
        FusedLoops.Run(threads, _a.Length, (first, end) =>
        {
            for (var n = first; n < end; n++)
                FusedLoops.Gate((float*)coefficients + n * 4, (float*)input + (long)_a[n] * batch, (float*)input + (long)_b[n] * batch,
                    (float*)result + (long)n * batch, batch);
        });
    }

    public void Backward(float* x, float* c, float* gradOutput, float* gradC, float* gradX, int rows, int batch, int threads)
    {
        if (rows != _inputs)
            throw new ArgumentException($"the input has {rows} rows, the layer reads {_inputs}");
        var neurons = _a.Length;
        var (input, coefficients, upstream, coefficientGrad) = ((nint)x, (nint)c, (nint)gradOutput, (nint)gradC);
        var size = 2L * neurons * batch;
        if (gradX is not null && _operandGrads.LongLength != size)
            _operandGrads = new float[size];
        fixed (float* operands = _operandGrads)
        {
            var operandGrads = gradX is null ? 0 : (nint)operands;
            FusedLoops.Run(threads, neurons, (first, end) =>
            {
                // without an input gradient the operand gradients go to a throwaway pair of rows
                var own = operandGrads == 0 ? new float[2 * batch] : null;
                Span<double> sums = stackalloc double[4];
                fixed (float* throwaway = own)
                    for (var n = first; n < end; n++)
                    {
                        var ga = own is null ? (float*)operandGrads + 2L * n * batch : throwaway;
                        sums.Clear();
                        FusedLoops.GateBackward((float*)coefficients + n * 4, (float*)input + (long)_a[n] * batch, (float*)input + (long)_b[n] * batch,
                            (float*)upstream + (long)n * batch, ga, ga + batch, sums, batch);
                        for (var k = 0; k < 4; k++)
                            ((float*)coefficientGrad)[n * 4 + k] = (float)sums[k];
                    }
            });
            if (gradX is null)
                return;
            var inputGrad = (nint)gradX;
            FusedLoops.Run(threads, rows, (first, end) =>
            {
                for (var r = first; r < end; r++)
                {
                    var row = (float*)inputGrad + (long)r * batch;
                    new Span<float>(row, batch).Clear();
                    for (var k = _readStart[r]; k < _readStart[r + 1]; k++)
                        FusedLoops.Add(row, (float*)operandGrads + (long)_readers[k] * batch, batch);
                }
            });
        }
    }
}
