using AIMass.Optimization.MultiObjective;

namespace AIMass.Optimization;

/// <summary>
/// Exact hypervolume (the volume dominated by a set of points and bounded by a reference point), by a sweep in
/// two dimensions and the WFG recursion above. Points are losses to minimise unless directions are given; points
/// that do not strictly dominate the reference point add nothing.
/// </summary>
public static class Hypervolume
{
    /// <summary>Hypervolume of loss points (smaller is better in every coordinate).</summary>
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(referencePoint);
        var dims = referencePoint.Count;
        if (dims == 0) throw new ArgumentException("The reference point needs at least one coordinate.", nameof(referencePoint));
        var kept = new List<double[]>(points.Count);
        foreach (var p in points)
        {
            if (p.Count != dims) throw new ArgumentException($"A point has {p.Count} coordinates; the reference point has {dims}.", nameof(points));
            var inside = true;
            for (var k = 0; k < dims; k++)
            {
                if (double.IsNaN(p[k])) throw new ArgumentException("Points must not contain NaN.", nameof(points));
                if (!(p[k] < referencePoint[k])) inside = false;
            }
            if (inside) kept.Add([.. p]);
        }
        return Core(NonDominated(kept), [.. referencePoint]);
    }

    /// <summary>Hypervolume of complete trials' values under the study's directions (maximised objectives and the reference point are negated).</summary>
    public static double Compute(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions, IReadOnlyList<double> referencePoint)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(directions);
        ArgumentNullException.ThrowIfNull(referencePoint);
        if (referencePoint.Count != directions.Count)
        {
            throw new ArgumentException("The reference point needs one coordinate per direction.", nameof(referencePoint));
        }
        var complete = new List<FrozenTrial>();
        foreach (var t in trials)
        {
            if (t.State == TrialState.Complete && t.Values?.Count == directions.Count) complete.Add(t);
        }
        var loss = ParetoFront.ToLoss(complete, directions);
        var reference = new double[directions.Count];
        for (var k = 0; k < reference.Length; k++) reference[k] = directions[k] == StudyDirection.Minimize ? referencePoint[k] : -referencePoint[k];
        return Compute(loss, reference);
    }

    private static double Core(List<double[]> points, double[] reference)
    {
        if (points.Count == 0) return 0;
        var dims = reference.Length;
        if (dims == 1)
        {
            var min = double.PositiveInfinity;
            foreach (var p in points) min = Math.Min(min, p[0]);
            return reference[0] - min;
        }
        if (dims == 2) return Sweep2D(points, reference);
        // WFG: sort by the last coordinate, then sum exclusive contributions.
        points.Sort((a, b) => b[dims - 1].CompareTo(a[dims - 1]));
        var total = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var box = 1.0;
            for (var k = 0; k < dims; k++) box *= reference[k] - p[k];
            if (i + 1 < points.Count)
            {
                var limited = new List<double[]>(points.Count - i - 1);
                for (var j = i + 1; j < points.Count; j++)
                {
                    var q = points[j];
                    var m = new double[dims];
                    for (var k = 0; k < dims; k++) m[k] = Math.Max(p[k], q[k]);
                    limited.Add(m);
                }
                box -= Core(NonDominated(limited), reference);
            }
            total += box;
        }
        return total;
    }

    private static double Sweep2D(List<double[]> points, double[] reference)
    {
        points.Sort((a, b) => a[0] != b[0] ? a[0].CompareTo(b[0]) : a[1].CompareTo(b[1]));
        var area = 0.0;
        var bestY = reference[1];
        foreach (var p in points)
        {
            if (p[1] < bestY)
            {
                area += (reference[0] - p[0]) * (bestY - p[1]);
                bestY = p[1];
            }
        }
        return area;
    }

    private static List<double[]> NonDominated(List<double[]> points)
    {
        var result = new List<double[]>(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                if (i == j) continue;
                if (ParetoFront.DominatesLoss(points[j], points[i])) dominated = true;
                else if (j < i && points[j].AsSpan().SequenceEqual(points[i])) dominated = true;
            }
            if (!dominated) result.Add(points[i]);
        }
        return result;
    }
}
