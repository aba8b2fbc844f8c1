using AIMass.Optimization.Numerics;
using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// A mixture of one kernel per observation plus an optional prior kernel, over one or more parameters:
/// truncated Gaussians for numbers (discretised onto steps), smoothed one-hot distributions for categories.
/// Values go in and out in internal form; numbers are modelled in log space for log domains.
/// </summary>
internal sealed partial class ParzenEstimator
{
    private const double Sigma0Magnitude = 0.2;
    private const double NegligibleLog = 45;

    /// <summary>
    /// Kernels more than this far (in log density) below the largest one are left out of a sum: together they change
    /// it by less than kernels × e^−50 relative, below double rounding for any realistic number of trials.
    /// </summary>
    private const double SumCutoffLog = 50;

    private readonly ParzenDimension[] _dims;
    private readonly double[] _weights;
    private readonly double[] _logWeights;
    private readonly bool _anyDiscrete;
    private readonly double[]? _base;
    private readonly SortedKernels? _sorted;

    public ParzenEstimator(IReadOnlyList<Distribution> distributions, double[][] observations, double[]? predeterminedWeights,
        TpeSamplerOptions options, bool multivariate)
        : this(Dimensions(distributions, observations, options, multivariate),
            KernelWeights(Count(observations), predeterminedWeights, options, options.ConsiderPrior || Count(observations) == 0))
    {
    }

    /// <summary>
    /// An estimator over finished dimensions whose kernels carry the given normalised weights; for continuous
    /// dimensions <paramref name="offsets"/> may give log w_k + Σ_d constant_d,k ready made.
    /// </summary>
    private ParzenEstimator(ParzenDimension[] dims, double[] weights, double[]? offsets = null, bool sortedByCentre = false)
    {
        _dims = dims;
        _weights = weights;
        var allContinuous = true;
        foreach (var dim in dims)
        {
            _anyDiscrete |= dim.Q > 0;
            allContinuous &= !dim.IsCategorical && dim.Q <= 0;
        }
        if (offsets is not null && allContinuous)
        {
            _logWeights = [];
            _base = offsets;
            if (sortedByCentre)
            {
                _sorted = dims.Length == 1
                    ? new SortedKernels(offsets, dims[0].Mus, dims[0].InvSigmas)
                    : new SortedKernels(offsets, [.. dims.Select(d => d.Mus)], [.. dims.Select(d => d.InvSigmas)]);
            }
            return;
        }
        _logWeights = new double[weights.Length];
        SpanMath.Log(weights, _logWeights);
        if (allContinuous)
        {
            // Continuous kernels: log w_k + Σ_d constant_d,k once, so a point costs only its squared distances.
            _base = (double[])_logWeights.Clone();
            foreach (var dim in dims)
            {
                var constant = dim.Constant;
                for (var k = 0; k < _base.Length; k++) _base[k] += constant[k];
            }
        }
    }

    /// <summary>Number of kernels.</summary>
    public int Kernels => _weights.Length;

    /// <summary>Draws <paramref name="count"/> points; result[d][i] is dimension d of point i, in internal form.</summary>
    public double[][] Sample(SeededRandom rng, int count)
    {
        var result = new double[_dims.Length][];
        for (var d = 0; d < _dims.Length; d++) result[d] = new double[count];
        for (var i = 0; i < count; i++)
        {
            var k = rng.Choice(_weights);
            for (var d = 0; d < _dims.Length; d++) result[d][i] = _dims[d].Sample(k, rng);
        }
        return result;
    }

    /// <summary>Log density (log probability for discrete parts) of each point.</summary>
    public double[] LogPdf(double[][] points)
    {
        var count = points.Length == 0 ? 0 : points[0].Length;
        var result = new double[count];
        var kernels = _weights.Length;
        if (_sorted is { } sorted)
        {
            var terms = new double[(kernels + SortedKernels.BlockSize - 1) / SortedKernels.BlockSize * SortedKernels.BlockSize];
            var rest = new double[_dims.Length - 1];
            for (var i = 0; i < count; i++)
            {
                var same = EarlierDuplicate(points, i);
                if (same >= 0)
                {
                    result[i] = result[same];
                    continue;
                }
                for (var d = 1; d < _dims.Length; d++) rest[d - 1] = _dims[d].ToUniform(points[d][i]);
                result[i] = sorted.LogSumExp(_dims[0].ToUniform(points[0][i]), rest, SumCutoffLog, terms);
            }
            return result;
        }
        var bound = new double[kernels];
        var exact = _anyDiscrete ? new bool[kernels] : null;
        var x = new double[_dims.Length];
        for (var i = 0; i < count; i++)
        {
            var same = EarlierDuplicate(points, i);
            if (same >= 0)
            {
                result[i] = result[same];
                continue;
            }
            for (var d = 0; d < _dims.Length; d++) x[d] = _dims[d].ToUniform(points[d][i]);
            double max;
            if (_base is { } b && _dims.Length == 1)
            {
                max = SpanMath.OffsetMinusHalfSquare(b, _dims[0].Mus, _dims[0].InvSigmas, x[0], bound);
            }
            else if (_base is { } b2)
            {
                Array.Copy(b2, bound, kernels);
                for (var d = 0; d < _dims.Length; d++) _dims[d].SubtractHalfSquare(x[d], bound);
                max = SpanMath.Max(bound);
            }
            else
            {
                Array.Copy(_logWeights, bound, kernels);
                for (var d = 0; d < _dims.Length; d++) _dims[d].AddLogBound(x[d], bound);
                max = SpanMath.Max(bound);
            }
            if (exact is not null)
            {
                // Bounds are exact except for discretised dimensions: make the kernels that may matter exact.
                Array.Clear(exact);
                var exactMax = double.NegativeInfinity;
                for (var pass = 0; pass < 2; pass++)
                {
                    var threshold = (pass == 0 ? max : exactMax) - NegligibleLog;
                    for (var k = 0; k < kernels; k++)
                    {
                        if (exact[k] || bound[k] < threshold) continue;
                        bound[k] = ExactLog(k, x);
                        exact[k] = true;
                        exactMax = Math.Max(exactMax, bound[k]);
                    }
                }
                for (var k = 0; k < kernels; k++)
                {
                    if (!exact[k]) bound[k] = double.NegativeInfinity;
                }
                max = exactMax;
            }
            if (double.IsNegativeInfinity(max))
            {
                result[i] = double.NegativeInfinity;
                continue;
            }
            result[i] = max + Math.Log(SpanMath.SumExp(bound, max, SumCutoffLog));
        }
        return result;
    }

    /// <summary>The first earlier point equal to point <paramref name="i"/> in every dimension, or −1.</summary>
    private static int EarlierDuplicate(double[][] points, int i)
    {
        for (var j = 0; j < i; j++)
        {
            var equal = true;
            for (var d = 0; d < points.Length && equal; d++) equal = points[d][j] == points[d][i];
            if (equal) return j;
        }
        return -1;
    }

    private double ExactLog(int k, double[] x)
    {
        var s = _logWeights[k];
        for (var d = 0; d < _dims.Length; d++) s += _dims[d].ExactLog(k, x[d]);
        return s;
    }

    private static int Count(double[][] observations) => observations.Length == 0 ? 0 : observations[0].Length;

    private static ParzenDimension[] Dimensions(IReadOnlyList<Distribution> distributions, double[][] observations,
        TpeSamplerOptions options, bool multivariate)
    {
        var n = Count(observations);
        var considerPrior = options.ConsiderPrior || n == 0;
        var dims = new ParzenDimension[distributions.Count];
        var sigma0 = multivariate ? Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (distributions.Count + 4)) : 0;
        for (var d = 0; d < dims.Length; d++)
        {
            dims[d] = distributions[d] is CategoricalDistribution c
                ? ParzenDimension.Categorical(c, observations[d], n, considerPrior, options.PriorWeight)
                : ParzenDimension.Numeric(distributions[d], observations[d], n, considerPrior, options, multivariate, sigma0);
        }
        return dims;
    }

    private static double[] KernelWeights(int n, double[]? predetermined, TpeSamplerOptions options, bool considerPrior)
    {
        var result = new double[n + (considerPrior ? 1 : 0)];
        KernelWeights(n, predetermined, options, considerPrior, result);
        return result;
    }

    /// <summary>
    /// The normalised kernel weights of n observations in trial order (and the prior's last) into
    /// <paramref name="result"/> (n + 1 values with the prior, else n); Optuna's default ramp is computed in place.
    /// </summary>
    private static void KernelWeights(int n, double[]? predetermined, TpeSamplerOptions options, bool considerPrior, Span<double> result)
    {
        if (predetermined is not null)
        {
            predetermined.AsSpan(0, n).CopyTo(result);
        }
        else if (options.Weights is null)
        {
            // TpeSamplerOptions.DefaultWeights, without the array: ones up to 25, else a ramp from 1/n and 25 ones.
            var ramp = n < 25 ? 0 : n - 25;
            var start = 1.0 / n;
            var step = ramp > 1 ? (1.0 - start) / (ramp - 1) : 0;
            for (var i = 0; i < ramp; i++) result[i] = start + i * step;
            result[ramp..n].Fill(1.0);
        }
        else
        {
            var w = options.Weights(n);
            if (w.Length < n) throw new InvalidOperationException($"The TPE weights function returned {w.Length} weights for {n} observations.");
            foreach (var v in w)
            {
                if (!(v >= 0) || !double.IsFinite(v)) throw new InvalidOperationException("TPE weights must be finite and non-negative.");
            }
            w.AsSpan(0, n).CopyTo(result);
        }
        var length = n + (considerPrior ? 1 : 0);
        if (considerPrior) result[n] = options.PriorWeight;
        var total = 0.0;
        for (var k = 0; k < length; k++) total += result[k];
        if (!(total > 0)) throw new InvalidOperationException("TPE kernel weights sum to zero.");
        var scale = 1 / total;
        for (var k = 0; k < length; k++) result[k] *= scale;
    }
}
