using AIMass.Optimization.Numerics;
using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// One parameter of a <see cref="ParzenEstimator"/>: per kernel a truncated Gaussian (discretised onto the step grid
/// for stepped numbers) or a smoothed one-hot distribution over categories. Kernels are in the estimator's order.
/// </summary>
internal sealed class ParzenDimension
{
    private const double Eps = 1e-12;

    private Distribution _dist = null!;
    private double[] _mus = [];
    private double[] _sigmas = [];
    private double[] _invSigmas = [];
    private double[] _logInvSigmas = [];
    private double[] _logNorm = [];
    private int[] _observed = [];
    private double _logHit, _logMiss, _logUniform, _hitProbability;

    public bool IsCategorical { get; private init; }
    public int Choices { get; private init; }
    public double Low { get; private init; }
    public double High { get; private init; }

    /// <summary>The grid step in the estimator's space (0: continuous).</summary>
    public double Q { get; private init; }

    /// <summary>Per kernel: −log √(2π) − log Z (and −log σ unless unscaled); only for numbers.</summary>
    public double[] Constant { get; private set; } = [];

    public static ParzenDimension Categorical(CategoricalDistribution c, double[] obs, int n, bool considerPrior, double priorWeight)
    {
        var dim = new ParzenDimension { _dist = c, IsCategorical = true, Choices = c.Choices.Count };
        dim._observed = new int[n + (considerPrior ? 1 : 0)];
        for (var i = 0; i < n; i++) dim._observed[i] = (int)obs[i];
        if (considerPrior) dim._observed[n] = -1;
        var v = considerPrior ? priorWeight / (n + 1) : priorWeight / n;
        var rowTotal = v * dim.Choices + 1;
        dim._logHit = Math.Log((v + 1) / rowTotal);
        dim._logMiss = Math.Log(v / rowTotal);
        dim._hitProbability = 1 / rowTotal;
        dim._logUniform = -Math.Log(dim.Choices);
        return dim;
    }

    /// <summary>Kernels at the observations (internal values) and, if asked, a prior kernel last, widths from the neighbours.</summary>
    public static ParzenDimension Numeric(Distribution dist, double[] obs, int n, bool considerPrior, TpeSamplerOptions options,
        bool multivariate, double sigma0)
    {
        var (low, high) = SearchSpace.Bounds(dist);
        var kernels = n + (considerPrior ? 1 : 0);
        var log = TpeColumn.IsLog(dist);
        var mus = new double[kernels];
        for (var i = 0; i < n; i++) mus[i] = log ? Math.Log(obs[i]) : obs[i];
        if (considerPrior) mus[n] = 0.5 * (low + high);
        var sigmas = new double[kernels];
        if (multivariate && options.MultivariateBandwidth == TpeMultivariateBandwidth.Scott)
        {
            Array.Fill(sigmas, sigma0 * (high - low));
        }
        else
        {
            // Univariate (Optuna 3.1.0): the prior's centre counts as a neighbour; multivariate neighbour widths: it does not.
            var counted = multivariate ? n : kernels;
            var order = new int[counted];
            for (var i = 0; i < counted; i++) order[i] = i;
            var keys = mus[..counted];
            StableSort.ByKeys(keys, order);
            var widths = new double[counted];
            NeighbourWidths(keys, low, high, options.ConsiderEndpoints, widths);
            for (var i = 0; i < counted; i++) sigmas[order[i]] = widths[i];
        }
        var minSigma = MinSigma(low, high, kernels, options);
        for (var i = 0; i < kernels; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, high - low);
        if (considerPrior) sigmas[n] = high - low;
        var logNorm = new double[kernels];
        for (var k = 0; k < kernels; k++) logNorm[k] = LogNormaliser(mus[k], sigmas[k], low, high);
        return FromKernels(dist, mus, sigmas, logNorm, options);
    }

    /// <summary>A numeric dimension from finished kernels (centres in the estimator's space, clipped widths, log Z).</summary>
    public static ParzenDimension FromKernels(Distribution dist, double[] mus, double[] sigmas, double[] logNorm, TpeSamplerOptions options)
    {
        var (low, high) = SearchSpace.Bounds(dist);
        var q = StepOf(dist);
        var kernels = mus.Length;
        var inv = new double[kernels];
        var constant = new double[kernels];
        var logInv = q > 0 ? new double[kernels] : [];
        for (var k = 0; k < kernels; k++) inv[k] = 1 / sigmas[k];
        if (q > 0 || !options.UnscaledKernelDensity)
        {
            var logSigma = q > 0 ? logInv : constant;
            SpanMath.Log(sigmas, logSigma);
            for (var k = 0; k < kernels; k++) logSigma[k] = -logSigma[k];
        }
        if (options.UnscaledKernelDensity)
        {
            for (var k = 0; k < kernels; k++) constant[k] = -Gaussian.LogSqrt2Pi - logNorm[k];
        }
        else
        {
            for (var k = 0; k < kernels; k++) constant[k] = (q > 0 ? logInv[k] : constant[k]) - Gaussian.LogSqrt2Pi - logNorm[k];
        }
        return new ParzenDimension
        {
            _dist = dist,
            Low = low,
            High = high,
            Q = q,
            _mus = mus,
            _sigmas = sigmas,
            _invSigmas = inv,
            _logInvSigmas = logInv,
            _logNorm = logNorm,
            Constant = constant,
        };
    }

    /// <summary>
    /// A continuous numeric dimension that only evaluates squared distances (its constants live in the estimator's
    /// offsets; <see cref="Constant"/> and <see cref="ExactLog"/> are not available).
    /// </summary>
    public static ParzenDimension Continuous(Distribution dist, double[] mus, double[] sigmas, double[] invSigmas)
    {
        var (low, high) = SearchSpace.Bounds(dist);
        return new ParzenDimension { _dist = dist, Low = low, High = high, _mus = mus, _sigmas = sigmas, _invSigmas = invSigmas };
    }

    /// <summary>The grid step of a numeric distribution in the estimator's space (0 for continuous and log domains).</summary>
    public static double StepOf(Distribution dist) => dist switch
    {
        FloatDistribution { Step: { } s } => s,
        IntDistribution { Log: false } i => i.Step,
        _ => 0,
    };

    /// <summary>
    /// Kernel widths from sorted centres: the larger gap to a neighbour (the box's ends count as neighbours); without
    /// <paramref name="considerEndpoints"/> the outermost kernels use their inner gap.
    /// </summary>
    public static void NeighbourWidths(ReadOnlySpan<double> sorted, double low, double high, bool considerEndpoints, Span<double> widths)
    {
        var kernels = sorted.Length;
        for (var i = 0; i < kernels; i++)
        {
            var left = i == 0 ? low : sorted[i - 1];
            var right = i == kernels - 1 ? high : sorted[i + 1];
            widths[i] = Math.Max(sorted[i] - left, right - sorted[i]);
        }
        if (!considerEndpoints && kernels >= 2)
        {
            widths[0] = sorted[1] - sorted[0];
            widths[kernels - 1] = sorted[kernels - 1] - sorted[kernels - 2];
        }
    }

    /// <summary>The smallest kernel width: Hyperopt's magic clip, range / min(100, 1 + kernels), or a tiny epsilon.</summary>
    public static double MinSigma(double low, double high, int kernels, TpeSamplerOptions options) =>
        options.ConsiderMagicClip ? (high - low) / Math.Min(100.0, 1.0 + kernels) : Eps;

    /// <summary>log of the mass a Gaussian (<paramref name="mu"/>, <paramref name="sigma"/>) puts on [low, high].</summary>
    public static double LogNormaliser(double mu, double sigma, double low, double high)
    {
        var a = (low - mu) / sigma;
        var b = (high - mu) / sigma;
        // Kernels whose centre lies deep inside the box lose no mass to truncation; one erfc when one side is far.
        return a < -9 ? (b > 9 ? 0 : Gaussian.LogCdf(b)) : b > 9 ? Gaussian.LogCdf(-a) : Gaussian.LogMass(a, b);
    }

    public double ToUniform(double internalValue) => TpeColumn.IsLog(_dist) ? Math.Log(internalValue) : internalValue;

    public double Sample(int k, SeededRandom rng)
    {
        if (IsCategorical)
        {
            var o = _observed[k];
            if (o >= 0 && rng.NextDouble() < _hitProbability) return o;
            return rng.NextInt(Choices);
        }
        var mu = _mus[k];
        var sigma = _sigmas[k];
        var z = Gaussian.SampleTruncated((Low - mu) / sigma, (High - mu) / sigma, rng.NextDouble());
        return SearchSpace.Untransform(_dist, mu + sigma * z);
    }

    /// <summary>Kernel centres in the estimator's space (numbers only).</summary>
    public double[] Mus => _mus;

    /// <summary>Kernel widths σ in the estimator's space (numbers only).</summary>
    public double[] Sigmas => _sigmas;

    /// <summary>1 / σ per kernel (numbers only).</summary>
    public double[] InvSigmas => _invSigmas;

    /// <summary>Subtracts ½ z² of each kernel (continuous numbers only; the constants are added elsewhere).</summary>
    public void SubtractHalfSquare(double x, double[] acc) => SpanMath.SubtractHalfSquare(_mus, _invSigmas, x, acc);

    /// <summary>Adds log p_k(x) (an upper bound for discretised numbers) to each kernel's accumulator.</summary>
    public void AddLogBound(double x, double[] acc)
    {
        var kernels = acc.Length;
        if (IsCategorical)
        {
            var c = (int)x;
            for (var k = 0; k < kernels; k++)
            {
                var o = _observed[k];
                acc[k] += o < 0 ? _logUniform : o == c ? _logHit : _logMiss;
            }
            return;
        }
        if (Q <= 0)
        {
            var constant = Constant;
            for (var k = 0; k < kernels; k++) acc[k] += constant[k];
            SubtractHalfSquare(x, acc);
            return;
        }
        var mus = _mus;
        var inv = _invSigmas;
        var logInv = _logInvSigmas;
        var norm = _logNorm;
        var lb = Math.Max(x - 0.5 * Q, Low);
        var ub = Math.Min(x + 0.5 * Q, High);
        var logWidth = Math.Log(ub - lb) - Gaussian.LogSqrt2Pi;
        for (var k = 0; k < kernels; k++)
        {
            var mu = mus[k];
            var dist = mu < lb ? lb - mu : mu > ub ? mu - ub : 0;
            var z = dist * inv[k];
            var logBound = Math.Min(0, logWidth + logInv[k] - 0.5 * z * z);
            acc[k] += logBound - norm[k];
        }
    }

    /// <summary>The exact log p_k(x) of one kernel.</summary>
    public double ExactLog(int k, double x)
    {
        if (IsCategorical)
        {
            var o = _observed[k];
            return o < 0 ? _logUniform : o == (int)x ? _logHit : _logMiss;
        }
        var mu = _mus[k];
        var inv = _invSigmas[k];
        if (Q <= 0)
        {
            var z = (x - mu) * inv;
            return Constant[k] - 0.5 * z * z;
        }
        var lb = Math.Max(x - 0.5 * Q, Low);
        var ub = Math.Min(x + 0.5 * Q, High);
        return Gaussian.LogMass((lb - mu) * inv, (ub - mu) * inv) - _logNorm[k];
    }
}
