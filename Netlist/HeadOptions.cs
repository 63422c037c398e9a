namespace GateForge.Ir;

/// <summary>How <see cref="HeadBuilder.Popcount"/> compresses a weight column.</summary>
public enum CounterShape
{
    /// <summary>Full adders (3:2) and a final half adder per column.</summary>
    FullAdders,

    /// <summary>6:3 counters while six bits are left in a column (each output a function of six bits: one LUT6), then full adders.</summary>
    SixToThree,
}

/// <summary>What the head puts on the design's outputs.</summary>
public enum HeadOutputs
{
    /// <summary>Buses <c>scores</c> and <c>class_id</c> (SPEC §3).</summary>
    ScoresAndClassId,

    /// <summary>Bus <c>class_id</c> alone (<see cref="HeadBuilder.AddClassIdHead"/>); its equivalence is defined on class_id alone.</summary>
    ClassId,
}

/// <summary>The names users give <see cref="HeadOutputs"/> (<c>--outputs</c>, the run config's <c>outputs</c>).</summary>
public static class HeadOutputsNames
{
    /// <summary><see cref="HeadOutputs.ScoresAndClassId"/>: the scores and class_id (the default).</summary>
    public const string Scores = Names.Buses.Scores;
    /// <summary><see cref="HeadOutputs.ClassId"/>: class_id alone.</summary>
    public const string ClassId = Names.Buses.ClassId;
    public const string Choices = Scores + " or " + ClassId;

    public static string Of(HeadOutputs outputs) => outputs == HeadOutputs.ClassId ? ClassId : Scores;

    public static HeadOutputs? Parse(string? name) => name switch
    {
        null or "" or Scores => HeadOutputs.ScoresAndClassId,
        ClassId => HeadOutputs.ClassId,
        _ => null,
    };
}

/// <summary>
/// How the GroupSum head is built. <see cref="ReduceTerms"/> off counts every bit as given (the
/// head before issue 14, kept so that the area bench prints before and after in one run).
/// On the demo model (4 × 8,000, mnist-10k) after -O2 and ABC <c>if -K 6</c>: the head before
/// issue 14 49,096 gates, 72 levels, 18,511 LUT6; reduced terms with full adders 47,051 / 73 /
/// 17,834; reduced terms with 6:3 counters (the default) 51,669 / 75 / 15,346: more gates, but
/// each counter output is one LUT6, 17 % fewer LUTs than before.
/// </summary>
public sealed record HeadOptions(CounterShape Shape = CounterShape.SixToThree, bool ReduceTerms = true,
    HeadOutputs Outputs = HeadOutputs.ScoresAndClassId)
{
    public static HeadOptions Default { get; } = new();
}
