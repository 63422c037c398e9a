namespace GateForge.Training;

/// <summary>A training, checkpoint or freezing problem with a one-line message naming the file or setting at fault.</summary>
public sealed class TrainingException : Exception
{
    public TrainingException(string message) : base(message) { }
    public TrainingException(string message, Exception inner) : base(message, inner) { }
    public TrainingException() { }
}
