using System.CommandLine;
using GateForge.Flow;
using GateForge.Ir;
using GateForge.Training.Models;

namespace GateForge.Cli.Commands;

/// <summary>Command-line overrides of the model config fields people change most.</summary>
internal sealed class ConfigOverrides
{
    private readonly Option<int?> _layers = new("--layers") { Description = "Logic layers" };
    private readonly Option<int?> _neurons = new("--neurons") { Description = "Neurons per layer (a multiple of the class count)" };
    private readonly Option<int?> _steps = new("--steps") { Description = "Optimiser steps" };
    private readonly Option<int?> _epochs = new("--epochs") { Description = "Passes over the training set (overrides --steps)" };
    private readonly Option<int?> _batch = new("--batch-size") { Description = "Batch size" };
    private readonly Option<float?> _lr = new("--lr") { Description = "Learning rate" };
    private readonly Option<string?> _lrSchedule = new("--lr-schedule") { Description = $"Learning-rate schedule: {LearningRateScheduleNames.Constant}, or {LearningRateScheduleNames.Cosine} (half a cosine down to 0 over the run's steps)" };
    private readonly Option<int?> _evalEvery = new("--eval-every") { Description = "Evaluate every this many steps" };
    private readonly Option<int?> _seed = new("--seed") { Description = "Seed (wiring, init, batch order, noise)" };
    private readonly Option<int?> _encoderBits = new("--encoder-bits") { Description = "Thermometer thresholds per feature" };
    private readonly Option<float?> _tau = new("--tau") { Description = "GroupSum temperature" };
    private readonly Option<int?> _threads = new("--threads") { Description = "TorchSharp intra-op threads (0: TorchSharp's default, all cores; 1 is the steadiest on small data)" };
    private readonly Option<double?> _validation = new("--validation") { Description = "Fraction of the training rows held out to choose the best checkpoint (0..0.5; 0: chosen on the test set)" };

    public static ConfigOverrides Create() => new();

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _layers, _neurons, _steps, _epochs, _batch, _lr, _lrSchedule, _evalEvery, _seed, _encoderBits, _tau, _validation, _threads })
            command.Options.Add(o);
    }

    public ModelConfig Apply(ParseResult p, ModelConfig c)
    {
        if (c.Architecture is not null && (p.GetValue(_layers) is not null || p.GetValue(_neurons) is not null))
            throw new FlowUsageException("--layers and --neurons set the dense-stack shorthand; this config lists its layers in 'architecture'");
        c = c with
        {
            Layers = p.GetValue(_layers) ?? c.Layers,
            Neurons = p.GetValue(_neurons) ?? c.Neurons,
            Steps = p.GetValue(_steps) ?? c.Steps,
            Epochs = p.GetValue(_epochs) ?? c.Epochs,
            BatchSize = p.GetValue(_batch) ?? c.BatchSize,
            LearningRate = p.GetValue(_lr) ?? c.LearningRate,
            LrSchedule = p.GetValue(_lrSchedule) is { } schedule
                ? LearningRateScheduleNames.Parse(schedule) ?? throw new FlowUsageException($"--lr-schedule must be {LearningRateScheduleNames.Choices}, not '{Excerpt.Of(schedule)}'")
                : c.LrSchedule,
            EvalEvery = p.GetValue(_evalEvery) ?? c.EvalEvery,
            Seed = p.GetValue(_seed) ?? c.Seed,
            EncoderBits = p.GetValue(_encoderBits) ?? c.EncoderBits,
            Tau = p.GetValue(_tau) ?? c.Tau,
            Validation = p.GetValue(_validation) ?? c.Validation,
            Threads = p.GetValue(_threads) ?? c.Threads,
        };
        return c;
    }
}
