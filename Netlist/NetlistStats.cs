using System.Globalization;

namespace GateForge.Ir;

/// <summary>
/// Size and depth figures of a netlist, computed in linear scans (<see cref="Compute"/>).
/// Depth counts AND and XOR as one level each (<see cref="LogicLevels"/>); <see cref="AigDepth"/> counts an XOR as the two
/// AND levels it takes in AIGER. Inputs, latches and constants are level 0; the depth is the
/// deepest output bit or latch next-state literal.
/// </summary>
public sealed record NetlistStats(
    int Nodes,
    int Inputs,
    int Outputs,
    int Ands,
    int Xors,
    int Latches,
    int AndEquivalent,
    int Depth,
    int AigDepth,
    IReadOnlyList<int> FanoutHistogram)
{
    /// <summary>Labels of the <see cref="FanoutHistogram"/> buckets.</summary>
    public static IReadOnlyList<string> FanoutBuckets { get; } = ["0", "1", "2", "3", "4-7", "8-15", "16+"];

    /// <summary>
    /// Computes the figures. The fanout of a node counts its uses as a gate fanin, a latch
    /// next-state and an output bit; the histogram covers every node but the constant.
    /// </summary>
    public static NetlistStats Compute(Netlist nl)
    {
        ArgumentNullException.ThrowIfNull(nl);
        var kinds = nl.Kinds;
        var f0 = nl.Fanin0;
        var f1 = nl.Fanin1;
        var n = kinds.Length;
        var aigLevel = new int[n];
        var fanout = new int[n];
        int ands = 0, xors = 0;
        for (var i = 1; i < n; i++)
        {
            switch (kinds[i])
            {
                case NodeKind.And:
                case NodeKind.Xor:
                {
                    int a = f0[i] >> 1, b = f1[i] >> 1;
                    fanout[a]++;
                    fanout[b]++;
                    var isXor = kinds[i] == NodeKind.Xor;
                    if (isXor)
                        xors++;
                    else
                        ands++;
                    aigLevel[i] = Math.Max(aigLevel[a], aigLevel[b]) + (isXor ? 2 : 1);
                    break;
                }
                case NodeKind.Latch:
                    if (f0[i] >= 0 && f0[i] >> 1 < n)
                        fanout[f0[i] >> 1]++;
                    break;
            }
        }
        var aigDepth = 0;
        foreach (var latch in nl.Latches)
            Deepest(f0[latch]);
        foreach (var bus in nl.OutputBuses)
            foreach (var lit in bus.Bits)
            {
                fanout[lit >> 1]++;
                Deepest(lit);
            }
        var histogram = new int[FanoutBuckets.Count];
        for (var i = 1; i < n; i++)
            histogram[Bucket(fanout[i])]++;
        return new NetlistStats(n, nl.InputCount, nl.OutputCount, ands, xors, nl.LatchCount,
            ands + 3 * xors, nl.Depth, aigDepth, histogram);

        void Deepest(int lit)
        {
            var node = lit >> 1;
            if (node < 0 || node >= n)
                return;
            aigDepth = Math.Max(aigDepth, aigLevel[node]);
        }
    }

    private static int Bucket(int fanout) => fanout switch
    {
        <= 3 => fanout,
        <= 7 => 4,
        <= 15 => 5,
        _ => 6,
    };

    /// <summary>One line, e.g. <c>i/o = 64/10  and = 120  xor = 30  lat = 0  and-eq = 210  lev = 9  aig-lev = 14</c>.</summary>
    public override string ToString()
    {
        var hist = string.Join(" ", FanoutHistogram.Select((c, i) => $"{FanoutBuckets[i]}:{c}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"i/o = {Inputs}/{Outputs}  and = {Ands}  xor = {Xors}  lat = {Latches}  and-eq = {AndEquivalent}  lev = {Depth}  aig-lev = {AigDepth}  fanout {hist}");
    }
}
