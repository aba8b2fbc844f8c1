using AIMass.Optimization.Importances;
using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers;

namespace AIMass.Optimization;

/// <summary>
/// Parameter importances by functional ANOVA over a random forest (as Optuna's default evaluator): each tree's
/// prediction is decomposed over the search box, a parameter's importance is the variance of its marginal
/// prediction as a share of the total variance, averaged over the trees and normalised to sum to 1.
/// Parameters are those every complete trial has; log domains are measured in log space, categorical choices as
/// ordered cells. When the objective does not vary, every parameter gets an equal share.
/// </summary>
public static class Importance
{
    /// <summary>
    /// Importance of each parameter (shares summing to 1, largest first). Throws <see cref="InvalidOperationException"/>
    /// when no trial is complete, and <see cref="ArgumentException"/> for a multi-objective study without a target.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(Study study, Func<FrozenTrial, double>? target = null, int seed = 0,
        int trees = 64, int maxDepth = 64)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (trees < 1) throw new ArgumentOutOfRangeException(nameof(trees), trees, "Must be at least 1.");
        if (maxDepth < 1) throw new ArgumentOutOfRangeException(nameof(maxDepth), maxDepth, "Must be at least 1.");
        if (study.IsMultiObjective && target is null)
        {
            throw new ArgumentException("A multi-objective study needs a target (which value to explain).", nameof(target));
        }
        var complete = study.GetTrials(TrialState.Complete);
        if (complete.Count == 0) throw new InvalidOperationException($"Study '{study.StudyName}' has no complete trial to assess.");
        var space = SearchSpace.Intersection(study, includePruned: false);
        var names = space.Keys.ToArray();
        if (names.Length == 0) return new Dictionary<string, double>();
        var dists = names.Select(n => space[n]).ToArray();
        var low = new double[names.Length];
        var high = new double[names.Length];
        for (var j = 0; j < names.Length; j++) (low[j], high[j]) = SearchSpace.Bounds(dists[j]);
        var x = new double[complete.Count][];
        var y = new double[complete.Count];
        for (var i = 0; i < complete.Count; i++)
        {
            x[i] = new double[names.Length];
            for (var j = 0; j < names.Length; j++) x[i][j] = SearchSpace.Transform(dists[j], complete[i].InternalParams[names[j]]);
            y[i] = target?.Invoke(complete[i]) ?? complete[i].Values![0];
        }
        ClampInfinities(y);
        var sums = new double[names.Length];
        var usable = 0;
        var rng = SeededRandom.For(seed, "importance");
        for (var t = 0; t < trees; t++)
        {
            var sample = new int[x.Length];
            for (var i = 0; i < sample.Length; i++) sample[i] = rng.NextInt(x.Length);
            var tree = RegressionTree.Fit(x, y, sample, maxDepth, rng);
            var shares = Fanova(tree.Leaves(low, high), low, high);
            if (shares is null) continue;
            usable++;
            for (var j = 0; j < names.Length; j++) sums[j] += shares[j];
        }
        var total = sums.Sum();
        var result = new List<(string Name, double Share)>(names.Length);
        for (var j = 0; j < names.Length; j++)
        {
            result.Add((names[j], usable == 0 || !(total > 0) ? 1.0 / names.Length : sums[j] / total));
        }
        return result.OrderByDescending(r => r.Share).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(r => r.Name, r => r.Share);
    }

    /// <summary>Each feature's marginal variance as a share of the tree's total variance, or null when the tree is constant.</summary>
    private static double[]? Fanova(List<(double[] Low, double[] High, double Value)> leaves, double[] low, double[] high)
    {
        var d = low.Length;
        var fraction = new double[leaves.Count];
        var mean = 0.0;
        for (var l = 0; l < leaves.Count; l++)
        {
            var f = 1.0;
            for (var j = 0; j < d; j++) f *= (leaves[l].High[j] - leaves[l].Low[j]) / (high[j] - low[j]);
            fraction[l] = f;
            mean += f * leaves[l].Value;
        }
        var variance = 0.0;
        for (var l = 0; l < leaves.Count; l++) variance += fraction[l] * (leaves[l].Value - mean) * (leaves[l].Value - mean);
        if (!(variance > 1e-300)) return null;
        var shares = new double[d];
        for (var j = 0; j < d; j++)
        {
            var cuts = new SortedSet<double> { low[j], high[j] };
            foreach (var leaf in leaves)
            {
                cuts.Add(leaf.Low[j]);
                cuts.Add(leaf.High[j]);
            }
            var points = cuts.ToArray();
            var vj = 0.0;
            for (var k = 0; k + 1 < points.Length; k++)
            {
                var a = points[k];
                var b = points[k + 1];
                if (!(b > a)) continue;
                var mid = 0.5 * (a + b);
                var marginal = 0.0;
                for (var l = 0; l < leaves.Count; l++)
                {
                    var leaf = leaves[l];
                    if (mid < leaf.Low[j] || mid >= leaf.High[j]) continue;
                    var width = (leaf.High[j] - leaf.Low[j]) / (high[j] - low[j]);
                    if (!(width > 0)) continue;
                    marginal += leaf.Value * fraction[l] / width;
                }
                var weight = (b - a) / (high[j] - low[j]);
                vj += weight * (marginal - mean) * (marginal - mean);
            }
            shares[j] = vj / variance;
        }
        return shares;
    }

    private static void ClampInfinities(double[] y)
    {
        var finite = y.Where(double.IsFinite).ToArray();
        var lo = finite.Length > 0 ? finite.Min() : 0;
        var hi = finite.Length > 0 ? finite.Max() : 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (double.IsPositiveInfinity(y[i])) y[i] = hi;
            else if (double.IsNegativeInfinity(y[i]) || double.IsNaN(y[i])) y[i] = lo;
        }
    }
}
