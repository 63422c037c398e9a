namespace GateForge.Training.Data;

/// <summary>How <see cref="CsvReader"/> reads a file. The first row is always the header.</summary>
public sealed record CsvOptions
{
    /// <summary>The label column by header name; when neither this nor <see cref="LabelIndex"/> is set, the last column.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The label column by 0-based index (used when <see cref="LabelColumn"/> is null).</summary>
    public int? LabelIndex { get; init; }

    /// <summary>Columns read as categories even when their values parse as numbers (by header name).</summary>
    public IReadOnlyList<string> CategoricalColumns { get; init; } = [];

    /// <summary>Field separator.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Data set name; the file name without extension when null.</summary>
    public string? Name { get; init; }
}
