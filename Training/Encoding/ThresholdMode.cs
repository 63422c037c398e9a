namespace GateForge.Training.Encoding;

/// <summary>Where a thermometer encoder puts its thresholds.</summary>
public enum ThresholdMode
{
    /// <summary>Evenly spaced over the value range: t_j = min + (max − min)·(j + 1)/(bits + 1).</summary>
    Uniform,

    /// <summary>At the (j + 1)/(bits + 1) quantiles of the feature's training values.</summary>
    Quantile,
}
