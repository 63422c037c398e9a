namespace GateForge.Fuzz;

/// <summary>The figures of one reader's fuzz run.</summary>
public sealed class FuzzReport
{
    public required string Reader { get; init; }
    public int Inputs { get; set; }
    public Dictionary<FuzzOutcome, int> Counts { get; } = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);
    public TimeSpan Slowest { get; set; }
    public int SlowestIndex { get; set; } = -1;
    public byte[] SlowestInput { get; set; } = [];
    /// <summary>Every input that crashed, hung or gave a multi-line error, with what it did.</summary>
    public List<(FuzzOutcome Outcome, string Detail, byte[] Input)> Failures { get; } = [];

    public int Bad => Counts[FuzzOutcome.Crash] + Counts[FuzzOutcome.Hang] + Counts[FuzzOutcome.MultiLineError];

    public override string ToString() =>
        $"{Reader}: {Inputs:N0} inputs, accepted {Counts[FuzzOutcome.Accepted]:N0}, refused {Counts[FuzzOutcome.Refused]:N0}, " +
        $"crashes {Counts[FuzzOutcome.Crash]}, hangs {Counts[FuzzOutcome.Hang]}, multi-line errors {Counts[FuzzOutcome.MultiLineError]}, " +
        $"slowest {Slowest.TotalMilliseconds:F1} ms (input {SlowestIndex}, {SlowestInput.Length:N0} bytes)";
}
