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

        // Each kept trial's place in trial order decides its weight. Working arrays are per thread; the estimator
        // keeps only what its densities need.
        var scratch = ColumnScratch.ForThread(count + 1);
        var position = scratch.Position;
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (!excluded[i] && !double.IsNaN(values[i])) position[i] = n++;
        }
        var considerPrior = options.ConsiderPrior || n == 0;
        var kernels = n + (considerPrior ? 1 : 0);
        var weightsByPosition = scratch.Weights.AsSpan(0, kernels);
        KernelWeights(n, null, options, considerPrior, weightsByPosition);
        var (low, high) = SearchSpace.Bounds(distribution);
        var priorMu = 0.5 * (low + high);

        // Kernels in value order; the prior, the last kernel in trial order, goes after observations equal to it.
        var mus = new double[kernels];
        var weights = new double[kernels];
        var index = scratch.Index;
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
        var range = high - low;
        for (var k = 0; k < kernels; k++) sigmas[k] = Math.Clamp(sigmas[k], minSigma, range);
        if (priorAt >= 0) sigmas[priorAt] = range;
        var exactDensity = ParzenDimension.StepOf(distribution) > 0 || !options.UnscaledKernelDensity;
        var logNorm = exactDensity ? new double[kernels] : scratch.LogNorm;
        column.LogNormalisers(index, mus, sigmas, kernels, low, high, logNorm);
        if (priorAt >= 0) logNorm[priorAt] = ParzenDimension.LogNormaliser(mus[priorAt], sigmas[priorAt], low, high);
        if (exactDensity)
        {
            return new ParzenEstimator([ParzenDimension.FromKernels(distribution, mus, sigmas, logNorm, options)], weights);
        }

        // Continuous, unscaled kernels (the default): only centres, 1/σ and log w_k − log √(2π) − log Z_k are needed.
        var offsets = new double[kernels];
        SpanMath.Log(weights, offsets);
        var inv = new double[kernels];
        SpanMath.Reciprocal(sigmas, inv);
        for (var k = 0; k < kernels; k++) offsets[k] = offsets[k] - Gaussian.LogSqrt2Pi - logNorm[k];
        return new ParzenEstimator([ParzenDimension.Continuous(distribution, mus, sigmas, inv)], weights, offsets, sortedByCentre: true);
    }

    /// <summary>Per-thread working arrays of <see cref="FromColumn"/>, grown as needed.</summary>
    private sealed class ColumnScratch
    {
        [ThreadStatic]
        private static ColumnScratch? t_current;

        public int[] Position = [];
        public int[] Index = [];
        public double[] Weights = [];
        public double[] LogNorm = [];

        public static ColumnScratch ForThread(int size)
        {
            var s = t_current ??= new ColumnScratch();
            if (s.Position.Length < size)
            {
                var grown = Math.Max(size, 2 * s.Position.Length);
                s.Position = new int[grown];
                s.Index = new int[grown];
                s.Weights = new double[grown];
                s.LogNorm = new double[grown];
            }
            return s;
        }
    }
}
