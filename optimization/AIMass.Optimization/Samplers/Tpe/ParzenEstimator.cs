using System.Numerics;
using AIMass.Optimization.Numerics;
using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// A mixture of one kernel per observation plus an optional prior kernel, over one or more parameters:
/// truncated Gaussians for numbers (discretised onto steps), smoothed one-hot distributions for categories.
/// Values go in and out in internal form; numbers are modelled in log space for log domains.
/// </summary>
internal sealed class ParzenEstimator
{
    private const double Eps = 1e-12;
    private const double Sigma0Magnitude = 0.2;
    private const double NegligibleLog = 45;

    private readonly Dimension[] _dims;
    private readonly double[] _weights;
    private readonly double[] _logWeights;
    private readonly bool _anyDiscrete;

    public ParzenEstimator(IReadOnlyList<Distribution> distributions, double[][] observations, double[]? predeterminedWeights,
        TpeSamplerOptions options, bool multivariate)
    {
        var n = observations.Length == 0 ? 0 : observations[0].Length;
        var considerPrior = options.ConsiderPrior || n == 0;
        _weights = KernelWeights(n, predeterminedWeights, options, considerPrior);
        _logWeights = new double[_weights.Length];
        for (var k = 0; k < _weights.Length; k++) _logWeights[k] = Math.Log(_weights[k]);
        _dims = new Dimension[distributions.Count];
        var sigma0 = multivariate ? Sigma0Magnitude * Math.Pow(Math.Max(n, 1), -1.0 / (distributions.Count + 4)) : 0;
        for (var d = 0; d < _dims.Length; d++)
        {
            _dims[d] = distributions[d] is CategoricalDistribution c
                ? Dimension.Categorical(c, observations[d], n, considerPrior, options.PriorWeight)
                : Dimension.Numeric(distributions[d], observations[d], n, considerPrior, options, multivariate, sigma0);
            _anyDiscrete |= _dims[d].Q > 0;
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
        var bound = new double[kernels];
        var exact = new bool[kernels];
        var x = new double[_dims.Length];
        for (var i = 0; i < count; i++)
        {
            for (var d = 0; d < _dims.Length; d++) x[d] = _dims[d].ToUniform(points[d][i]);
            Array.Copy(_logWeights, bound, kernels);
            for (var d = 0; d < _dims.Length; d++) _dims[d].AddLogBound(x[d], bound);
            var max = Max(bound);
            if (_anyDiscrete)
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
            result[i] = max + Math.Log(SumExp(bound, max));
        }
        return result;
    }

    private static double Max(double[] values)
    {
        var span = values.AsSpan();
        var max = double.NegativeInfinity;
        var i = 0;
        if (Vector.IsHardwareAccelerated && span.Length >= Vector<double>.Count)
        {
            var vmax = new Vector<double>(double.NegativeInfinity);
            for (; i <= span.Length - Vector<double>.Count; i += Vector<double>.Count) vmax = Vector.Max(vmax, new Vector<double>(span[i..]));
            for (var j = 0; j < Vector<double>.Count; j++) max = Math.Max(max, vmax[j]);
        }
        for (; i < span.Length; i++) max = Math.Max(max, span[i]);
        return max;
    }

    /// <summary>Σ exp(v − max), vectorised; terms at −∞ add nothing.</summary>
    private static double SumExp(double[] values, double max)
    {
        var span = values.AsSpan();
        var sum = 0.0;
        var i = 0;
        if (Vector.IsHardwareAccelerated && span.Length >= Vector<double>.Count)
        {
            var vsum = Vector<double>.Zero;
            var vmax = new Vector<double>(max);
            var floor = new Vector<double>(-700);
            for (; i <= span.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                vsum += Vector.Exp(Vector.Max(new Vector<double>(span[i..]) - vmax, floor));
            }
            sum = Vector.Sum(vsum);
        }
        for (; i < span.Length; i++) sum += Math.Exp(Math.Max(span[i] - max, -700));
        return sum;
    }

    private double ExactLog(int k, double[] x)
    {
        var s = _logWeights[k];
        for (var d = 0; d < _dims.Length; d++) s += _dims[d].ExactLog(k, x[d]);
        return s;
    }

    private static double[] KernelWeights(int n, double[]? predetermined, TpeSamplerOptions options, bool considerPrior)
    {
        double[] w;
        if (predetermined is not null)
        {
            w = predetermined;
        }
        else
        {
            w = (options.Weights ?? TpeSamplerOptions.DefaultWeights)(n);
            if (w.Length < n) throw new InvalidOperationException($"The TPE weights function returned {w.Length} weights for {n} observations.");
            foreach (var v in w)
            {
                if (!(v >= 0) || !double.IsFinite(v)) throw new InvalidOperationException("TPE weights must be finite and non-negative.");
            }
        }
        var result = new double[n + (considerPrior ? 1 : 0)];
        Array.Copy(w, result, n);
        if (considerPrior) result[n] = options.PriorWeight;
        var total = 0.0;
        foreach (var v in result) total += v;
        if (!(total > 0)) throw new InvalidOperationException("TPE kernel weights sum to zero.");
        for (var k = 0; k < result.Length; k++) result[k] /= total;
        return result;
    }

    /// <summary>One parameter of the mixture.</summary>
    private sealed class Dimension
    {
        private Distribution _dist = null!;
        private double[] _mus = [];
        private double[] _sigmas = [];
        private double[] _invSigmas = [];
        private double[] _logNorm = [];
        private double[] _constant = [];
        private int _choices;
        private int[] _observed = [];
        private double _logHit, _logMiss, _logUniform, _hitProbability;

        public bool IsCategorical { get; private set; }
        public double Low { get; private set; }
        public double High { get; private set; }
        public double Q { get; private set; }

        public static Dimension Categorical(CategoricalDistribution c, double[] obs, int n, bool considerPrior, double priorWeight)
        {
            var dim = new Dimension { _dist = c, IsCategorical = true, _choices = c.Choices.Count };
            dim._observed = new int[n + (considerPrior ? 1 : 0)];
            for (var i = 0; i < n; i++) dim._observed[i] = (int)obs[i];
            if (considerPrior) dim._observed[n] = -1;
            var v = considerPrior ? priorWeight / (n + 1) : priorWeight / n;
            var rowTotal = v * dim._choices + 1;
            dim._logHit = Math.Log((v + 1) / rowTotal);
            dim._logMiss = Math.Log(v / rowTotal);
            dim._hitProbability = 1 / rowTotal;
            dim._logUniform = -Math.Log(dim._choices);
            return dim;
        }

        public static Dimension Numeric(Distribution dist, double[] obs, int n, bool considerPrior, TpeSamplerOptions options,
            bool multivariate, double sigma0)
        {
            var (low, high) = SearchSpace.Bounds(dist);
            var dim = new Dimension
            {
                _dist = dist,
                Low = low,
                High = high,
                Q = dist switch
                {
                    FloatDistribution { Step: { } s } => s,
                    IntDistribution { Log: false } i => i.Step,
                    _ => 0,
                },
            };
            var kernels = n + (considerPrior ? 1 : 0);
            var mus = new double[kernels];
            for (var i = 0; i < n; i++) mus[i] = dim.ToUniform(obs[i]);
            var priorMu = 0.5 * (low + high);
            var priorSigma = high - low;
            if (considerPrior) mus[n] = priorMu;
            var sigmas = new double[kernels];
            if (multivariate)
            {
                Array.Fill(sigmas, sigma0 * (high - low));
            }
            else
            {
                var order = new int[kernels];
                for (var i = 0; i < kernels; i++) order[i] = i;
                var keys = (double[])mus.Clone();
                Array.Sort(keys, order);
                var withEnds = new double[kernels + 2];
                withEnds[0] = low;
                Array.Copy(keys, 0, withEnds, 1, kernels);
                withEnds[^1] = high;
                var sorted = new double[kernels];
                for (var i = 0; i < kernels; i++)
                {
                    sorted[i] = Math.Max(withEnds[i + 1] - withEnds[i], withEnds[i + 2] - withEnds[i + 1]);
                }
                if (!options.ConsiderEndpoints && withEnds.Length >= 4)
                {
                    sorted[0] = withEnds[2] - withEnds[1];
                    sorted[^1] = withEnds[^2] - withEnds[^3];
                }
                for (var i = 0; i < kernels; i++) sigmas[order[i]] = sorted[i];
            }
            var maxSigma = high - low;
            var minSigma = options.ConsiderMagicClip ? (high - low) / Math.Min(100.0, 1.0 + kernels) : Eps;
            for (var i = 0; i < kernels; i++) sigmas[i] = Math.Clamp(sigmas[i], minSigma, maxSigma);
            if (considerPrior) sigmas[n] = priorSigma;
            dim._mus = mus;
            dim._sigmas = sigmas;
            dim._invSigmas = new double[kernels];
            dim._logNorm = new double[kernels];
            dim._constant = new double[kernels];
            for (var k = 0; k < kernels; k++)
            {
                dim._invSigmas[k] = 1 / sigmas[k];
                var a = (low - mus[k]) / sigmas[k];
                var b = (high - mus[k]) / sigmas[k];
                // Kernels whose centre lies deep inside the box lose no mass to truncation; one erfc when one side is far.
                dim._logNorm[k] = a < -9 ? (b > 9 ? 0 : Gaussian.LogCdf(b)) : b > 9 ? Gaussian.LogCdf(-a) : Gaussian.LogMass(a, b);
                dim._constant[k] = (options.UnscaledKernelDensity ? 0 : -Math.Log(sigmas[k])) - Gaussian.LogSqrt2Pi - dim._logNorm[k];
            }
            return dim;
        }

        public double ToUniform(double internalValue)
        {
            if (IsCategorical) return internalValue;
            return _dist switch
            {
                FloatDistribution { Log: true } or IntDistribution { Log: true } => Math.Log(internalValue),
                _ => internalValue,
            };
        }

        public double Sample(int k, SeededRandom rng)
        {
            if (IsCategorical)
            {
                var o = _observed[k];
                if (o >= 0 && rng.NextDouble() < _hitProbability) return o;
                return rng.NextInt(_choices);
            }
            var mu = _mus[k];
            var sigma = _sigmas[k];
            var z = Gaussian.SampleTruncated((Low - mu) / sigma, (High - mu) / sigma, rng.NextDouble());
            return SearchSpace.Untransform(_dist, mu + sigma * z);
        }

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
            var mus = _mus;
            var inv = _invSigmas;
            var norm = _logNorm;
            if (Q <= 0)
            {
                var constant = _constant;
                var k = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var vx = new Vector<double>(x);
                    var half = new Vector<double>(0.5);
                    var lanes = Vector<double>.Count;
                    var a = acc.AsSpan();
                    for (; k <= kernels - lanes; k += lanes)
                    {
                        var z = (vx - new Vector<double>(mus, k)) * new Vector<double>(inv, k);
                        (new Vector<double>(a[k..]) + new Vector<double>(constant, k) - half * z * z).CopyTo(a[k..]);
                    }
                }
                for (; k < kernels; k++)
                {
                    var z = (x - mus[k]) * inv[k];
                    acc[k] += constant[k] - 0.5 * z * z;
                }
                return;
            }
            var lb = Math.Max(x - 0.5 * Q, Low);
            var ub = Math.Min(x + 0.5 * Q, High);
            var width = ub - lb;
            for (var k = 0; k < kernels; k++)
            {
                var mu = mus[k];
                var dist = mu < lb ? lb - mu : mu > ub ? mu - ub : 0;
                var z = dist * inv[k];
                var logBound = Math.Min(0, Math.Log(width * inv[k]) - 0.5 * z * z - Gaussian.LogSqrt2Pi);
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
                return _constant[k] - 0.5 * z * z;
            }
            var lb = Math.Max(x - 0.5 * Q, Low);
            var ub = Math.Min(x + 0.5 * Q, High);
            return Gaussian.LogMass((lb - mu) * inv, (ub - mu) * inv) - _logNorm[k];
        }
    }
}
