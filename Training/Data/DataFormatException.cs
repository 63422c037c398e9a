namespace GateForge.Training.Data;

/// <summary>
/// Bad input data: a malformed, truncated or missing data file, an unknown column, a bad encoder
/// JSON. The message names the file (and line where there is one) and the problem, on one line.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException()
    {
    }

    public DataFormatException(string message)
        : base(message)
    {
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
