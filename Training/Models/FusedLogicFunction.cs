using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Models;

/// <summary>
/// A CPU kernel of two-input relaxed gates (<see cref="IFusedLogicKernel"/>: a dense layer's neurons or
/// a conv layer's trees) as an autograd function: inputs bits × batch (contiguous, float32, CPU) and
/// the gates' coefficients (gates × 4); output kernel rows × batch. Backward gives the coefficients'
/// gradient, and the input's when the input needs one.
/// </summary>
internal sealed class FusedLogicFunction : autograd.SingleTensorFunction<FusedLogicFunction>
{
    private const string KernelKey = "kernel";
    private const string InputGradKey = "input_grad";

    public override string Name => nameof(FusedLogicFunction);

    /// <summary>The gates of <paramref name="kernel"/> on <paramref name="xt"/> (bits × batch) with coefficients <paramref name="c"/>.</summary>
    public static Tensor Apply(Tensor xt, Tensor c, IFusedLogicKernel kernel) => apply(xt, c, kernel);

    public override unsafe Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var xt = ((Tensor)vars[0]).contiguous();
        var c = ((Tensor)vars[1]).contiguous();
        var kernel = (IFusedLogicKernel)vars[2];
        ctx.save_for_backward([xt, c]);
        ctx.save_data(KernelKey, kernel);
        ctx.save_data(InputGradKey, ((Tensor)vars[0]).requires_grad);
        var batch = (int)xt.shape[1];
        var output = empty([kernel.OutputRows, batch], ScalarType.Float32);
        kernel.Forward(FusedLoops.Data(xt), FusedLoops.Data(c), FusedLoops.Data(output), batch, get_num_threads());
        return output;
    }

    public override unsafe List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var xt = saved[0];
        var c = saved[1];
        var kernel = (IFusedLogicKernel)ctx.get_data(KernelKey);
        var inputGrad = (bool)ctx.get_data(InputGradKey);
        var upstream = grad_output.contiguous();
        var rows = (int)xt.shape[0];
        var batch = (int)xt.shape[1];
        var gradC = empty_like(c);
        var gradX = inputGrad ? empty_like(xt) : null;
        kernel.Backward(FusedLoops.Data(xt), FusedLoops.Data(c), FusedLoops.Data(upstream), FusedLoops.Data(gradC),
            gradX is null ? null : FusedLoops.Data(gradX), rows, batch, get_num_threads());
        return [gradX!, gradC, null!];
    }
}
