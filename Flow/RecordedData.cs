using GateForge.Training;
using GateForge.Training.Data;

namespace GateForge.Flow;

/// <summary>Data sets named by a checkpoint or a report rather than by the user.</summary>
internal static class RecordedData
{
    /// <summary>Loads the recorded spec; data that has moved is a one-line error that says so and what to pass.</summary>
    public static DataSplit Load(string spec, string recordedIn)
    {
        try
        {
            return DataSets.Load(spec);
        }
        catch (Exception e) when (e is DataFormatException or TrainingException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlowUsageException($"the data set {spec} that {recordedIn} names cannot be loaded ({e.Message}); was it moved? pass --data to name it", e);
        }
    }
}
