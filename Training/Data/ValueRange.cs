namespace GateForge.Training.Data;

/// <summary>A closed interval of feature values.</summary>
public readonly record struct ValueRange(float Min, float Max)
{
    /// <summary>Unsigned bytes, as in IDX images.</summary>
    public static ValueRange Byte { get; } = new(0, 255);
}
