namespace GateForge.Ir.Passes;

/// <summary>One step of a parsed pipeline string.</summary>
public abstract record PipelineStep;

/// <summary>Run one pass; <paramref name="Text"/> is how it was written (<c>pipeline(every=4)</c>).</summary>
public sealed record PassStep(Pass Pass, string Text) : PipelineStep;

/// <summary>
/// <c>fixpoint(a,b,...)</c>: run the body again and again until no pass in a round changes the
/// netlist, at most <paramref name="MaxRounds"/> rounds.
/// </summary>
public sealed record FixpointStep(IReadOnlyList<PipelineStep> Body, int MaxRounds) : PipelineStep;
