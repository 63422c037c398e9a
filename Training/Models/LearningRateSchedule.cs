using System.Text.Json.Serialization;

namespace GateForge.Training.Models;

/// <summary>How the learning rate moves over a run's steps (model config <c>lrSchedule</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LearningRateSchedule>))]
public enum LearningRateSchedule
{
    /// <summary>The configured rate at every step.</summary>
    [JsonStringEnumMemberName(LearningRateScheduleNames.Constant)]
    Constant,
    /// <summary>
    /// Half a cosine from the configured rate at the first step down to 0 after the last one. It is a
    /// function of the step and the run's total steps alone, so a resumed run continues the same curve.
    /// </summary>
    [JsonStringEnumMemberName(LearningRateScheduleNames.Cosine)]
    Cosine,
}

/// <summary>The schedules' names in configs and on the command line: one constant each, one parser.</summary>
public static class LearningRateScheduleNames
{
    public const string Constant = "constant";
    public const string Cosine = "cosine";
    public const string Choices = Constant + " or " + Cosine;

    /// <summary>The schedule named <paramref name="name"/> (exact, lower case); null for any other text.</summary>
    public static LearningRateSchedule? Parse(string? name) => name switch
    {
        Constant => LearningRateSchedule.Constant,
        Cosine => LearningRateSchedule.Cosine,
        _ => null,
    };
}

/// <summary>The rate a schedule gives at one step.</summary>
public static class LearningRates
{
    /// <summary>
    /// The rate for the update made at 0-based <paramref name="step"/> of a run of
    /// <paramref name="totalSteps"/> steps that starts at <paramref name="baseRate"/>.
    /// </summary>
    public static double At(LearningRateSchedule schedule, double baseRate, int step, int totalSteps) => schedule switch
    {
        LearningRateSchedule.Constant => baseRate,
        // steps past the total (a run extended on resume) keep the last rate of the curve, never negative
        LearningRateSchedule.Cosine => totalSteps <= 0
            ? baseRate
            : baseRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(step, totalSteps - 1) / totalSteps)),
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "unknown learning-rate schedule"),
    };
}
