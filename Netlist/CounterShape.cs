namespace GateForge.Ir;

/// <summary>How <see cref="HeadBuilder.Popcount"/> compresses a weight column.</summary>
public enum CounterShape
{
    /// <summary>Full adders (3:2) and a final half adder per column.</summary>
    FullAdders,

    /// <summary>6:3 counters while six bits are left in a column (each output a function of six bits: one LUT6), then full adders.</summary>
    SixToThree,
}

/// <summary>
/// How the GroupSum head is built. <see cref="ReduceTerms"/> off counts every bit as given (the
/// head before issue 14, kept so that the area bench prints before and after in one run).
/// </summary>
public sealed record HeadOptions(CounterShape Shape = CounterShape.FullAdders, bool ReduceTerms = true)
{
    public static HeadOptions Default { get; } = new();
}
