using AIMass.Optimization.Numerics;

namespace AIMass.Optimization.Samplers.Tpe;

internal sealed partial class ParzenEstimator
{
    /// <summary>
    /// The univariate estimator of <paramref name="distribution"/> over the trials of <paramref name="column"/> that
    /// have the parameter and are not <paramref name="excluded"/>: the same mixture as the general constructor with
    /// those observations in trial order, built in O(n) from the column's presorted values and its memo of kernel
    /// normalisers. Its kernels are held in value order, so it is meant for densities (sampling draws kernels by index).
    /// </summary>
    public static ParzenEstimator FromColumn(Distribution distribution, TpeColumn column, bool[] excluded, TpeSamplerOptions options)
    {
        var values = column.Values;
        var count = values.Length;
        if (distribution is CategoricalDistribution categorical)
        {
            var kept = new List<double>(count);
            for (var i = 0; i < count; i++)
            {
                if (!excluded[i] && !double.IsNaN(values[i])) kept.Add(values[i]);
            }
            return new ParzenEstimator([categorical], [[.. kept]], null, options, multivariate: false);
        }

        // Each kept trial's place in trial order decides its weight.
        var position = new int[count];
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (!excluded[i] && !double.IsNaN(values[i])) position[i] = n++;
        }
        var considerPrior = options.ConsiderPrior || n == 0;
        var weightsByPosition = KernelWeights(n, null, options, considerPrior);
        var kernels = weightsByPosition.Length;
        var (low, high) = SearchSpace.Bounds(distribution);
        var priorMu = 0.5 * (low + high);

        // Kernels in value order; the prior, the last kernel in trial order, goes after observations equal to it.
        var mus = new double[kernels];
        var weights = new double[kernels];
        var index = new int[kernels];
        var priorAt = -1;
        var j = 0;
        foreach (var i in column.Sorted)
        {
            if (excluded[i]) continue;
            var v = values[i];
            if (considerPrior && priorAt < 0 && v > priorMu) priorAt = j++;
            mus[j] = v;
            weights[j] = weightsByPosition[position[i]];
            index[j++] = i;
        }
        if (considerPrior && priorAt < 0) priorAt = j;
        if (priorAt >= 0)
        {
            mus[priorAt] = priorMu;
            weights[priorAt] = weightsByPosition[n];
            index[priorAt] = -1;
        }

        var sigmas = new double[kernels];
        ParzenDimension.NeighbourWidths(mus, low, high, options.ConsiderEndpoints, sigmas);
        var minSigma = ParzenDimension.MinSigma(low, high, kernels, options);
        for (var k = 0; k < kernels; k++) sigmas[k] = Math.Clamp(sigmas[k], minSigma, high - low);
        if (priorAt >= 0) sigmas[priorAt] = high - low;
        var logNorm = new double[kernels];
        var memo = column.Memo(low, high);
        lock (memo)
        {
            for (var k = 0; k < kernels; k++)
            {
                logNorm[k] = k == priorAt
                    ? ParzenDimension.LogNormaliser(mus[k], sigmas[k], low, high)
                    : memo.LogNorm(index[k], mus[k], sigmas[k], low, high);
            }
        }
        if (ParzenDimension.StepOf(distribution) > 0 || !options.UnscaledKernelDensity)
        {
            return new ParzenEstimator([ParzenDimension.FromKernels(distribution, mus, sigmas, logNorm, options)], weights);
        }

        // Continuous, unscaled kernels (the default): only centres, 1/σ and log w_k − log √(2π) − log Z_k are needed.
        var offsets = logNorm;
        var logWeights = new double[kernels];
        SpanMath.Log(weights, logWeights);
        var inv = new double[kernels];
        for (var k = 0; k < kernels; k++)
        {
            inv[k] = 1 / sigmas[k];
            offsets[k] = logWeights[k] - Gaussian.LogSqrt2Pi - logNorm[k];
        }
        return new ParzenEstimator([ParzenDimension.Continuous(distribution, mus, sigmas, inv)], weights, offsets);
    }
}
