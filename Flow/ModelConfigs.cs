using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Flow;

/// <summary>Which model config a run trains when the user names none, and fitting a config to its data.</summary>
public static class ModelConfigs
{
    /// <summary>
    /// The defaults of the data's kind (<see cref="ModelDefaults"/>; a stream task's or a sequence CSV's is the
    /// small recurrent model, its readout fitted to the classes), with a config file's fields over them when one is given (a partial file such
    /// as {"threads": 1, "steps": 50} keeps the rest).
    /// </summary>
    public static ModelConfig Load(string? path, string dataSpec)
    {
        var defaults = SequenceCsv.IsSpec(dataSpec) ? ModelConfig.SmallRecurrent(SequenceCsv.Load(dataSpec).Train.ClassCount)
            : StreamTasks.IsStreamSpec(dataSpec) ? ModelConfig.SmallRecurrent(2)
            : ModelDefaults.For(ModelDefaults.KindOf(dataSpec));
        if (path is null)
            return defaults;
        var file = Inputs.RequireFile(path, "config");
        return ModelDefaults.Overlay(defaults, File.ReadAllText(file), file);
    }

    /// <summary>Fits a config to its data (<see cref="ModelDefaults.Fit"/>): the config to train and the notes to print.</summary>
    public static ResolvedConfig FitToData(ModelConfig config, DataSplit split, string dataSpec) =>
        ModelDefaults.Fit(config, split, ModelDefaults.KindOf(dataSpec));
}
