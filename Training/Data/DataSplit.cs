namespace GateForge.Training.Data;

/// <summary>A training set and a test set over the same features and classes.</summary>
public sealed record DataSplit(Dataset Train, Dataset Test);
