namespace AIMass.Training.Models.Forest;

/// <summary>
/// The largest split proxy (<c>sum_k L_k^2 / W_L + sum_k R_k^2 / W_R</c>) any partition of a node's rows could reach,
/// whatever the features. Once a tried feature reaches it no later feature can do better (ties keep the first), so the
/// tree builder stops trying features: the same split, found sooner, mostly in small nodes. Only small nodes are
/// bounded (elsewhere the bound is infinite): there it is cheap and often reached.
/// </summary>
internal static class ForestSplitBound
{
    /// <summary>Nodes with more rows are not bounded.</summary>
    public const int MaxRows = 64;

    /// <summary>Classes present beyond this leave the node unbounded (the bound enumerates subsets of them).</summary>
    private const int MaxClasses = 12;

    /// <summary>
    /// Regression: the best 2-partition of weighted values splits them in sorted order (one-dimensional two-means), so
    /// the bound is the best cut of the values sorted. <paramref name="values"/> and <paramref name="weights"/> are
    /// scratch, sorted in place.
    /// </summary>
    public static double Regression(Span<double> values, Span<double> weights, double total, double weight)
    {
        if (values.Length > MaxRows) return double.PositiveInfinity;
        values.Sort(weights);
        var (best, leftSum, leftWeight) = (0.0, 0.0, 0.0);
        for (var i = 0; i < values.Length - 1; i++)
        {
            leftSum += values[i] * weights[i];
            leftWeight += weights[i];
            var right = total - leftSum;
            best = Math.Max(best, leftSum * leftSum / leftWeight + right * right / (weight - leftWeight));
        }
        return best;
    }

    /// <summary>
    /// Classification: the proxy is convex in the left class weights, so its maximum sends each class wholly to one
    /// side; the bound is the best such grouping of the classes present.
    /// </summary>
    public static double Classification(ReadOnlySpan<double> totals, int rows)
    {
        if (rows > MaxRows) return double.PositiveInfinity;
        Span<double> present = stackalloc double[MaxClasses];
        var m = 0;
        foreach (var t in totals)
        {
            if (t <= 0) continue;
            if (m == MaxClasses) return double.PositiveInfinity;
            present[m++] = t;
        }
        var best = 0.0;
        for (var subset = 1; subset < 1 << (m - 1); subset++) // the last class stays right: each grouping once
        {
            double leftSquares = 0, leftWeight = 0, rightSquares = 0, rightWeight = 0;
            for (var k = 0; k < m; k++)
            {
                var t = present[k];
                if ((subset >> k & 1) == 1) (leftSquares, leftWeight) = (leftSquares + t * t, leftWeight + t);
                else (rightSquares, rightWeight) = (rightSquares + t * t, rightWeight + t);
            }
            best = Math.Max(best, leftSquares / leftWeight + rightSquares / rightWeight);
        }
        return best;
    }
}
