using GateForge.Training.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace GateForge.Training.Trainer;

/// <summary>
/// Adam (β1 0.9, β2 0.999, ε 1e-8) over a list of tensors. Written out here rather than taken from
/// TorchSharp so that its moments are plain arrays in the checkpoint and a resumed run continues
/// exactly where it stopped.
/// </summary>
internal sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private readonly Tensor[] _parameters;
    private readonly Tensor[] _m;
    private readonly Tensor[] _v;

    public AdamOptimizer(IEnumerable<Tensor> parameters)
    {
        _parameters = parameters.ToArray();
        _m = _parameters.Select(p => zeros_like(p)).ToArray();
        _v = _parameters.Select(p => zeros_like(p)).ToArray();
    }

    /// <summary>Number of updates made so far (Adam's t).</summary>
    public long StepCount { get; private set; }

    public void ZeroGrad()
    {
        foreach (var p in _parameters)
            p.grad?.zero_();
    }

    public void Step(double learningRate)
    {
        StepCount++;
        var correction1 = 1 - Math.Pow(Beta1, StepCount);
        var correction2 = 1 - Math.Pow(Beta2, StepCount);
        var stepSize = learningRate / correction1;
        using var _ = no_grad();
        // this step's values as Scalars held until the loop ends (KeptScalars says why)
        using var correction = correction2.ToScalar();
        using var step = (-stepSize).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var g = _parameters[i].grad;
            if (g is null)
                continue;
            _m[i].mul_(KeptScalars.Of(Beta1)).add_(g, KeptScalars.Of(1 - Beta1));
            _v[i].mul_(KeptScalars.Of(Beta2)).addcmul_(g, g, KeptScalars.Of(1 - Beta2));
            using var denom = _v[i].div(correction).sqrt_().add_(KeptScalars.Of(Epsilon), KeptScalars.One);
            _parameters[i].addcdiv_(_m[i], denom, step);
        }
    }

    /// <summary>The moments as plain arrays (for the checkpoint).</summary>
    public OptimizerState State() => new(StepCount, _m.Select(Values).ToArray(), _v.Select(Values).ToArray());

    public void Restore(OptimizerState state)
    {
        if (state.M.Count != _parameters.Length || state.V.Count != _parameters.Length)
            throw new TrainingException("optimizer state does not match the model's layers");
        StepCount = state.StepCount;
        using var _ = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            _m[i].copy_(tensor(state.M[i], _m[i].shape, ScalarType.Float32, _m[i].device));
            _v[i].copy_(tensor(state.V[i], _v[i].shape, ScalarType.Float32, _v[i].device));
        }
    }

    private static float[] Values(Tensor t)
    {
        using var cpu = t.detach().cpu();
        return cpu.data<float>().ToArray();
    }

    public void Dispose()
    {
        foreach (var t in _m.Concat(_v))
            t.Dispose();
    }
}

/// <summary>Adam's step count and first and second moments, one array per layer.</summary>
public sealed record OptimizerState(long StepCount, IReadOnlyList<float[]> M, IReadOnlyList<float[]> V);
