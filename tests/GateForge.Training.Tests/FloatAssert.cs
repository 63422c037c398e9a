namespace GateForge.Training.Tests;

internal static class FloatAssert
{
    /// <summary>Every value within <paramref name="tolerance"/> of the expected one (relative above 1, absolute below).</summary>
    public static void Close(float[] expected, float[] actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: {actual[i]} vs {expected[i]}");
    }
}
