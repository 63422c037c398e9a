namespace GateForge.Training.Models;

/// <summary>
/// Relaxed two-input gates computed on the CPU with vectors along the batch: input rows × batch in,
/// <see cref="OutputRows"/> × batch out, one coefficient row (c0..c3 of c0 + c1·a + c2·b + c3·ab) per gate.
/// </summary>
internal unsafe interface IFusedLogicKernel
{
    /// <summary>Rows of the output.</summary>
    int OutputRows { get; }

    /// <summary>The output (<see cref="OutputRows"/> × batch) of input <paramref name="x"/> (rows × batch) under coefficients <paramref name="c"/>.</summary>
    void Forward(float* x, float* c, float* output, int batch, int threads);

    /// <summary>
    /// The gradients of the forward pass: <paramref name="gradC"/> (same shape as the coefficients) is
    /// overwritten; <paramref name="gradX"/> (input rows × batch), when not null, is overwritten with the
    /// input's gradient. The result does not depend on <paramref name="threads"/>.
    /// </summary>
    void Backward(float* x, float* c, float* gradOutput, float* gradC, float* gradX, int rows, int batch, int threads);
}
