using System.Text.Json.Serialization;

namespace GateForge.Training.Models;

/// <summary>How a recurrent step network reaches the state (model config <c>recurrent.stateWiring</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StateWiring>))]
public enum StateWiring
{
    /// <summary>The config's <c>wiring</c> over [x_t, h_{t−1}] (with the residual state path and the shift as configured).</summary>
    [JsonStringEnumMemberName(StateWiringNames.Random)]
    Random,
    /// <summary>
    /// A one-dimensional cellular automaton over the state: state bit j is computed from the input and
    /// its neighbours h_{t−1}[j−1] and h_{t−1}[j+1] only (<see cref="RecurrentConfig.StateWiring"/>).
    /// </summary>
    [JsonStringEnumMemberName(StateWiringNames.Local)]
    Local,
}

/// <summary>The state wirings' names in configs: one constant each.</summary>
public static class StateWiringNames
{
    public const string Random = "random";
    public const string Local = "local";
    public const string Choices = Random + " or " + Local;
}
