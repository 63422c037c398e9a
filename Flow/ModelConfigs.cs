using GateForge.Training.Data;
using GateForge.Training.Models;

namespace GateForge.Flow;

/// <summary>Which model config a run trains when the user names none, and fitting a config to its data.</summary>
public static class ModelConfigs
{
    /// <summary>The config file, or the demo model for mnist-style data, the small recurrent model for a stream task, and a small model otherwise.</summary>
    public static ModelConfig Load(string? path, string dataSpec)
    {
        if (path is not null)
        {
            var file = Inputs.RequireFile(path, "config");
            return ModelConfig.FromJson(File.ReadAllText(file), file);
        }
        if (StreamTasks.IsStreamSpec(dataSpec))
            return ModelConfig.SmallRecurrent(2);
        return dataSpec is "mnist-10k" or "fashion-mnist" || dataSpec.StartsWith("idx:", StringComparison.Ordinal)
            ? ModelConfig.Demo()
            : Small();
    }

    /// <summary>A model for small tabular or synthetic data (MONK, parity): trains in seconds.</summary>
    public static ModelConfig Small() => new()
    {
        Layers = 3,
        Neurons = 60,
        Classes = 2,
        EncoderBits = 1,
        Tau = 2f,
        LearningRate = 0.05f,
        BatchSize = 32,
        Steps = 600,
        EvalEvery = 200,
        Gumbel = false,
    };

    /// <summary>Sets the class count from the data and refuses a config that cannot fit it.</summary>
    public static ModelConfig FitToData(ModelConfig config, DataSplit split)
    {
        var classes = split.Train.ClassCount;
        if (config.Classes != classes)
        {
            // an architecture list's last layer is checked by Validate and LayerPlan
            if (config.Architecture is null && config.Neurons % classes != 0)
                throw new FlowUsageException($"the data set has {classes} classes but {config.Neurons} neurons per layer is not a multiple of {classes}; set --neurons");
            config = config with { Classes = classes };
        }
        config.Validate();
        return config;
    }
}
