namespace GateForge.Flow.Sweeps;

/// <summary>The Pareto front of points that cost something (LUTs, cycles) and score something (accuracy).</summary>
public static class ParetoFront
{
    /// <summary>
    /// The points that no other point dominates (another dominates when it costs no more and scores
    /// no less, and is strictly better in one), in ascending cost. Of points equal in both, the
    /// first is kept. Points with a non-finite cost or score are left out.
    /// </summary>
    public static IReadOnlyList<T> Of<T>(IEnumerable<T> points, Func<T, double> cost, Func<T, double> score)
    {
        ArgumentNullException.ThrowIfNull(points);
        var candidates = points
            .Select((p, i) => (Point: p, Order: i, Cost: cost(p), Score: score(p)))
            .Where(c => double.IsFinite(c.Cost) && double.IsFinite(c.Score))
            // cheapest first; among equal costs the best score first, then the earliest
            .OrderBy(c => c.Cost).ThenByDescending(c => c.Score).ThenBy(c => c.Order)
            .ToList();
        var front = new List<T>();
        var best = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            // everything before costs no more; c is on the front only if it scores strictly more than all of them
            if (c.Score > best)
            {
                front.Add(c.Point);
                best = c.Score;
            }
        }
        return front;
    }
}
