namespace GateForge.Training.Data;

/// <summary>How a feature's values are to be read.</summary>
public enum FeatureKind
{
    /// <summary>A number (a pixel byte, a measurement); encoded by thresholds.</summary>
    Numeric,

    /// <summary>A category, stored as its index into <see cref="Dataset.Categories"/>; encoded one-hot.</summary>
    Categorical,
}
