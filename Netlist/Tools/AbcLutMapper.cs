using System.Globalization;
using System.Text.RegularExpressions;

namespace GateForge.Ir.Tools;

/// <summary>
/// LUT count of a combinational netlist by Berkeley ABC's mapper: <c>read; strash; if -K k;
/// print_stats</c> on its binary AIGER (the flow the synth verb uses above 30,000 gates).
/// </summary>
public static partial class AbcLutMapper
{
    public const string Executable = "berkeley-abc";

    public static bool IsInstalled => ExternalTool.IsInstalled(Executable);

    /// <summary>
    /// The number of K-input LUTs ABC maps <paramref name="netlist"/> into (0 for a netlist without
    /// gates). Throws <see cref="InvalidOperationException"/> when ABC fails or prints no statistics.
    /// </summary>
    public static long Count(Netlist netlist, int k = 6, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        if (netlist.LatchCount > 0)
            throw new ArgumentException("LUT mapping takes a combinational netlist", nameof(netlist));
        if (netlist.GateCount == 0)
            return 0;
        var dir = Directory.CreateTempSubdirectory("gf-lut-").FullName;
        try
        {
            Aiger.Save(netlist, Path.Combine(dir, "in.aig"));
            var run = ExternalTool.Run(Executable, ["-c", $"read in.aig; strash; if -K {k.ToString(CultureInfo.InvariantCulture)}; print_stats"],
                dir, timeout ?? TimeSpan.FromMinutes(10), cancellation);
            var match = Stats().Match(run.Stdout);
            if (!run.Ok || !match.Success)
                throw new InvalidOperationException($"abc if -K {k} failed (exit {run.ExitCode}{(run.TimedOut ? ", timed out" : "")}): {run.Tail()}");
            return long.Parse(match.Groups["nd"].Value, CultureInfo.InvariantCulture);
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

    [GeneratedRegex(@"nd\s*=\s*(?<nd>\d+)")]
    private static partial Regex Stats();
}
