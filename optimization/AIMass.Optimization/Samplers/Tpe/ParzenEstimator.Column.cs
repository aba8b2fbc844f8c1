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
        var scratch = ColumnScratch.ForThread(count + 1);
        var kernels = KernelCount(column, excluded, options);
        var mus = new double[kernels];
        var weights = new double[kernels];
        var sigmas = new double[kernels];
        var exactDensity = ParzenDimension.StepOf(distribution) > 0 || !options.UnscaledKernelDensity;
        var logNorm = exactDensity ? new double[kernels] : scratch.LogNorm;
        BuildKernels(distribution, column, excluded, options, scratch, mus, weights, sigmas, logNorm);
        if (exactDensity)
        {
            return new ParzenEstimator([ParzenDimension.FromKernels(distribution, mus, sigmas, logNorm, options)], weights);
        }
        var offsets = new double[kernels];
        var inv = new double[kernels];
        UnscaledTerms(weights, sigmas, logNorm, offsets, inv);
        return new ParzenEstimator([ParzenDimension.Continuous(distribution, mus, sigmas, inv)], weights, offsets, sortedByCentre: true);
    }

    /// <summary>
    /// <c>FromColumn(distribution, column, excluded, options).LogPdf(points)</c>; for continuous domains with the
    /// default unscaled density (TPE's usual case) without building the estimator: its kernels live in per-thread
    /// arrays only while the points are evaluated.
    /// </summary>
    public static double[] ColumnLogPdf(Distribution distribution, TpeColumn column, bool[] excluded, TpeSamplerOptions options, double[][] points)
    {
        if (distribution is CategoricalDistribution || ParzenDimension.StepOf(distribution) > 0 || !options.UnscaledKernelDensity)
        {
            return FromColumn(distribution, column, excluded, options).LogPdf(points);
        }
        var scratch = ColumnScratch.ForThread(column.Values.Length + 1);
        var kernels = KernelCount(column, excluded, options);
        var mus = scratch.Mus.AsSpan(0, kernels);
        var weights = scratch.KernelWeights.AsSpan(0, kernels);
        var sigmas = scratch.Sigmas.AsSpan(0, kernels);
        var logNorm = scratch.LogNorm.AsSpan(0, kernels);
        BuildKernels(distribution, column, excluded, options, scratch, mus, weights, sigmas, logNorm);
        UnscaledTerms(weights, sigmas, logNorm, scratch.Offsets.AsSpan(0, kernels), scratch.InvSigmas.AsSpan(0, kernels));
        var sorted = scratch.Sorted.Reset(scratch.Offsets, scratch.Mus, scratch.InvSigmas, kernels);
        var log = TpeColumn.IsLog(distribution);
        var count = points.Length == 0 ? 0 : points[0].Length;
        var result = new double[count];
        for (var i = 0; i < count; i++)
        {
            var same = EarlierDuplicate(points, i);
            var x = points[0][i];
            result[i] = same >= 0 ? result[same] : sorted.LogSumExp(log ? Math.Log(x) : x, SumCutoffLog, scratch.Terms);
        }
        return result;
    }

    /// <summary>The number of kernels over the kept trials of the column (with the prior if it is considered).</summary>
    private static int KernelCount(TpeColumn column, bool[] excluded, TpeSamplerOptions options)
    {
        var values = column.Values;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!excluded[i] && !double.IsNaN(values[i])) n++;
        }
        return n + (options.ConsiderPrior || n == 0 ? 1 : 0);
    }

    /// <summary>Kernel centres, normalised weights, clipped widths and log Z in value order (the prior among them).</summary>
    private static void BuildKernels(Distribution distribution, TpeColumn column, bool[] excluded, TpeSamplerOptions options,
        ColumnScratch scratch, Span<double> mus, Span<double> weights, Span<double> sigmas, Span<double> logNorm)
    {
        // Each kept trial's place in trial order decides its weight.
        var values = column.Values;
        var position = scratch.Position;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
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

        ParzenDimension.NeighbourWidths(mus, low, high, options.ConsiderEndpoints, sigmas);
        var minSigma = ParzenDimension.MinSigma(low, high, kernels, options);
        var range = high - low;
        for (var k = 0; k < kernels; k++) sigmas[k] = Math.Clamp(sigmas[k], minSigma, range);
        if (priorAt >= 0) sigmas[priorAt] = range;
        column.LogNormalisers(index, mus, sigmas, kernels, low, high, logNorm);
        if (priorAt >= 0) logNorm[priorAt] = ParzenDimension.LogNormaliser(mus[priorAt], sigmas[priorAt], low, high);
    }

    /// <summary>Continuous, unscaled kernels: 1/σ and the offsets log w_k − log √(2π) − log Z_k.</summary>
    private static void UnscaledTerms(ReadOnlySpan<double> weights, ReadOnlySpan<double> sigmas, ReadOnlySpan<double> logNorm,
        Span<double> offsets, Span<double> inv)
    {
        SpanMath.Log(weights, offsets);
        SpanMath.Reciprocal(sigmas, inv);
        for (var k = 0; k < offsets.Length; k++) offsets[k] = offsets[k] - Gaussian.LogSqrt2Pi - logNorm[k];
    }

    /// <summary>Per-thread working arrays of the column estimators, grown as needed.</summary>
    private sealed class ColumnScratch
    {
        [ThreadStatic]
        private static ColumnScratch? t_current;

        public int[] Position = [];
        public int[] Index = [];
        public double[] Weights = [];
        public double[] LogNorm = [];
        public double[] Mus = [];
        public double[] KernelWeights = [];
        public double[] Sigmas = [];
        public double[] Offsets = [];
        public double[] InvSigmas = [];
        public double[] Terms = [];
        public readonly SortedKernels Sorted = new();

        public static ColumnScratch ForThread(int size)
        {
            var s = t_current ??= new ColumnScratch();
            if (s.Position.Length < size)
            {
                var grown = Math.Max(size, 2 * s.Position.Length);
                var blocks = (grown + SortedKernels.BlockSize - 1) / SortedKernels.BlockSize;
                s.Position = new int[grown];
                s.Index = new int[grown];
                s.Weights = new double[grown];
                s.LogNorm = new double[grown];
                s.Mus = new double[grown];
                s.KernelWeights = new double[grown];
                s.Sigmas = new double[grown];
                s.Offsets = new double[grown];
                s.InvSigmas = new double[grown];
                s.Terms = new double[blocks * SortedKernels.BlockSize];
            }
            return s;
        }
    }
}
