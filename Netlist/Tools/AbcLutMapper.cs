namespace GateForge.Ir.Tools;

/// <summary>
/// LUT count of a netlist in memory: its binary AIGER through <see cref="Abc.LutMap"/>
/// (ABC <c>if -K k</c>, the flow the synth verb uses above 30,000 gates), in a scratch folder. Of a
/// sequential netlist, the LUTs of its logic between the latches (the latches are flip-flops beside
/// them, as `synth` counts them).
/// </summary>
public static class AbcLutMapper
{
    public static bool IsInstalled => Abc.Tool is not null;

    /// <summary>
    /// The number of K-input LUTs ABC maps <paramref name="netlist"/> into (0 for a netlist without
    /// gates). Throws <see cref="InvalidOperationException"/> when ABC fails or prints no statistics.
    /// </summary>
    public static long Count(Netlist netlist, int k = 6, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (netlist.GateCount == 0)
            return 0;
        var abc = Abc.Tool ?? throw new InvalidOperationException("berkeley-abc is not installed");
        var dir = Directory.CreateTempSubdirectory("gf-lut-").FullName;
        try
        {
            Aiger.Save(netlist, Path.Combine(dir, "in.aig"));
            var (run, luts, _) = Abc.LutMap(abc, "in.aig", k, dir, timeout ?? TimeSpan.FromMinutes(10), cancellation);
            return luts ?? throw new InvalidOperationException(
                $"abc if -K {k} failed (exit {run.ExitCode}{(run.TimedOut ? ", timed out" : "")}): {run.Tail()}");
        }
        finally
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: the scratch folder is in temp
            }
        }
    }
}
