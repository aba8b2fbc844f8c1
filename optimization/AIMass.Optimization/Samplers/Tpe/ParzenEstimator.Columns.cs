namespace AIMass.Optimization.Samplers.Tpe;

internal sealed partial class ParzenEstimator
{
    /// <summary>
    /// The multivariate estimator over the trials of <paramref name="columns"/> that have every parameter and are not
    /// <paramref name="excluded"/>: the same mixture, kernel for kernel in trial order, as the general constructor with
    /// those observations and <c>multivariate: true</c>, but built from the columns' presorted values (neighbour
    /// widths in O(n), no sort) and their memos of kernel normalisers (no erfc for a kernel seen before). Meant for
    /// the large estimator of the worse trials, which is rebuilt for every sample over almost the same kernels.
    /// </summary>
    public static ParzenEstimator FromColumns(IReadOnlyList<Distribution> distributions, TpeColumn[] columns, bool[] excluded,
        TpeSamplerOptions options)
    {
        var count = excluded.Length;
        var position = new int[count];
        var kept = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            position[i] = -1;
            if (excluded[i]) continue;
            var all = true;
            foreach (var column in columns) all &= !double.IsNaN(column.Values[i]);
            if (!all) continue;
            position[i] = kept.Count;
            kept.Add(i);
        }
        var n = kept.Count;
        var considerPrior = options.ConsiderPrior || n == 0;
        var kernels = n + (considerPrior ? 1 : 0);
        var sigma0 = Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (distributions.Count + 4));
        var dims = new ParzenDimension[distributions.Count];
        for (var d = 0; d < dims.Length; d++)
        {
            var column = columns[d];
            if (distributions[d] is CategoricalDistribution c)
            {
                var obs = new double[n];
                for (var j = 0; j < n; j++) obs[j] = column.Internal[kept[j]];
                dims[d] = ParzenDimension.Categorical(c, obs, n, considerPrior, options.PriorWeight);
                continue;
            }
            dims[d] = NumericFromColumn(distributions[d], column, kept, position, considerPrior, kernels, options, sigma0);
        }
        var weights = KernelWeights(n, null, options, considerPrior);
        return dims.All(d => !d.IsCategorical && d.Q <= 0)
            ? SortedByFirstDimension(distributions, dims, weights, columns[0], position, considerPrior)
            : new ParzenEstimator(dims, weights);
    }

    /// <summary>
    /// Continuous product kernels reordered by their centre in the first dimension (the order of its column), with
    /// their log-term offsets, so densities skip the blocks of kernels far from a point in that dimension.
    /// </summary>
    private static ParzenEstimator SortedByFirstDimension(IReadOnlyList<Distribution> distributions, ParzenDimension[] dims,
        double[] weights, TpeColumn first, int[] position, bool considerPrior)
    {
        var kernels = weights.Length;
        var n = kernels - (considerPrior ? 1 : 0);
        var order = new int[kernels];
        var priorMu = considerPrior ? dims[0].Mus[n] : 0;
        var j = 0;
        var priorPlaced = !considerPrior;
        foreach (var i in first.Sorted)
        {
            var p = position[i];
            if (p < 0) continue;
            if (!priorPlaced && first.Values[i] > priorMu)
            {
                order[j++] = n;
                priorPlaced = true;
            }
            order[j++] = p;
        }
        if (!priorPlaced) order[j] = n;
        var offsets = new double[kernels];
        var sortedWeights = new double[kernels];
        for (var k = 0; k < kernels; k++)
        {
            sortedWeights[k] = weights[order[k]];
            offsets[k] = Math.Log(sortedWeights[k]);
        }
        var sortedDims = new ParzenDimension[dims.Length];
        for (var d = 0; d < dims.Length; d++)
        {
            var constant = dims[d].Constant;
            var mus = new double[kernels];
            var sigmas = new double[kernels];
            var inv = new double[kernels];
            for (var k = 0; k < kernels; k++)
            {
                var o = order[k];
                offsets[k] += constant[o];
                mus[k] = dims[d].Mus[o];
                sigmas[k] = dims[d].Sigmas[o];
                inv[k] = dims[d].InvSigmas[o];
            }
            sortedDims[d] = ParzenDimension.Continuous(distributions[d], mus, sigmas, inv);
        }
        return new ParzenEstimator(sortedDims, sortedWeights, offsets, sortedByCentre: true);
    }

    private static ParzenDimension NumericFromColumn(Distribution distribution, TpeColumn column, List<int> kept, int[] position,
        bool considerPrior, int kernels, TpeSamplerOptions options, double sigma0)
    {
        var n = kept.Count;
        var (low, high) = SearchSpace.Bounds(distribution);
        var range = high - low;
        var mus = new double[kernels];
        var sigmas = new double[kernels];
        var index = new int[kernels];
        for (var j = 0; j < n; j++)
        {
            mus[j] = column.Values[kept[j]];
            index[j] = kept[j];
        }
        if (options.MultivariateBandwidth == TpeMultivariateBandwidth.Scott)
        {
            Array.Fill(sigmas, sigma0 * range);
        }
        else
        {
            // The kept observations in value order (ties by trial), straight from the column's order.
            var sorted = new double[n];
            var slot = new int[n];
            var s = 0;
            foreach (var i in column.Sorted)
            {
                var p = position[i];
                if (p < 0) continue;
                sorted[s] = column.Values[i];
                slot[s++] = p;
            }
            var widths = new double[n];
            ParzenDimension.NeighbourWidths(sorted, low, high, options.ConsiderEndpoints, widths);
            for (var k = 0; k < n; k++) sigmas[slot[k]] = widths[k];
        }
        var minSigma = ParzenDimension.MinSigma(low, high, kernels, options);
        for (var k = 0; k < kernels; k++) sigmas[k] = Math.Clamp(sigmas[k], minSigma, range);
        var logNorm = new double[kernels];
        column.LogNormalisers(index, mus, sigmas, n, low, high, logNorm);
        if (considerPrior)
        {
            mus[n] = 0.5 * (low + high);
            sigmas[n] = range;
            logNorm[n] = ParzenDimension.LogNormaliser(mus[n], range, low, high);
        }
        return ParzenDimension.FromKernels(distribution, mus, sigmas, logNorm, options);
    }
}
