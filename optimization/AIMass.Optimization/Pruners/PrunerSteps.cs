namespace AIMass.Optimization.Pruners;

/// <summary>Step bookkeeping shared by the pruners.</summary>
internal static class PrunerSteps
{
    /// <summary>
    /// Whether <paramref name="step"/> is the first reported step at or after the latest pruning checkpoint
    /// (warm-up plus a multiple of the interval), so a trial is judged once per interval.
    /// </summary>
    public static bool IsFirstInInterval(int step, IEnumerable<int> reportedSteps, int warmupSteps, int intervalSteps)
    {
        var checkpoint = (step - warmupSteps) / intervalSteps * intervalSteps + warmupSteps;
        var secondLast = -1;
        foreach (var s in reportedSteps)
        {
            if (s > secondLast && s != step) secondLast = s;
        }
        return secondLast < checkpoint;
    }

    /// <summary>The best of a trial's intermediate values ignoring NaN (NaN when all are NaN).</summary>
    public static double BestIntermediate(FrozenTrial trial, StudyDirection direction)
    {
        var best = double.NaN;
        foreach (var v in trial.IntermediateValues.Values)
        {
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(best) || (direction == StudyDirection.Minimize ? v < best : v > best)) best = v;
        }
        return best;
    }

    /// <summary>Linear-interpolation percentile (NumPy's default) of values, NaN ignored; NaN when none is left.</summary>
    public static double NanPercentile(List<double> values, double percentile)
    {
        values.RemoveAll(double.IsNaN);
        if (values.Count == 0) return double.NaN;
        values.Sort();
        var pos = percentile / 100 * (values.Count - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, values.Count - 1);
        return values[lo] + (pos - lo) * (values[hi] - values[lo]);
    }
}
