using AIMass.Optimization.Randomness;
using AIMass.Optimization.Samplers.Qmc;

namespace AIMass.Optimization.Samplers.Gp;

/// <summary>
/// Bayesian optimisation with a Gaussian process (Matérn 5/2, fitted length scales; see
/// <see cref="GaussianProcess"/>) and the log expected improvement, maximised over the unit box by scoring a
/// scrambled Sobol set of candidates and refining the best few with bounded L-BFGS (categorical dimensions stay at
/// their candidate's choice; steps are rounded afterwards). The losses are modelled as they are or log-warped,
/// whichever the Jacobian-corrected marginal likelihood prefers (heavy-tailed objectives such as Rosenbrock gain
/// much from the warp). The search space is the intersection of the complete
/// trials' spaces; other parameters and the first <c>nStartupTrials</c> trials are sampled at random. The fitted
/// kernel parameters are kept in the study's system attribute <c>gp:kernel</c> to warm-start the next fit.
/// </summary>
public sealed class GpSampler : ISampler
{
    internal const string KernelKey = "gp:kernel";
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();
    private readonly RandomSampler _random;

    /// <summary>Creates the sampler.</summary>
    public GpSampler(int? seed = null, int nStartupTrials = 10, int candidates = 1024, int localSearches = 5)
    {
        if (nStartupTrials < 1) throw new ArgumentOutOfRangeException(nameof(nStartupTrials), nStartupTrials, "Must be at least 1.");
        if (candidates < 1) throw new ArgumentOutOfRangeException(nameof(candidates), candidates, "Must be at least 1.");
        if (localSearches < 0) throw new ArgumentOutOfRangeException(nameof(localSearches), localSearches, "Must not be negative.");
        Seed = seed ?? Random.Shared.Next();
        NStartupTrials = nStartupTrials;
        Candidates = candidates;
        LocalSearches = localSearches;
        _random = new RandomSampler(Seed);
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Trials sampled at random before the GP is used.</summary>
    public int NStartupTrials { get; }

    /// <summary>Candidates scored per trial before local refinement.</summary>
    public int Candidates { get; }

    /// <summary>How many of the best candidates are refined by L-BFGS.</summary>
    public int LocalSearches { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        var result = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, d) in SearchSpace.Intersection(study, includePruned: false))
        {
            if (!d.IsSingle) result[name] = d;
        }
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        if (study.IsMultiObjective) return NoParams;
        var complete = study.GetTrials(TrialState.Complete);
        if (searchSpace.Count == 0 || complete.Count < NStartupTrials) return NoParams;
        var names = searchSpace.Keys.ToArray();
        var dists = names.Select(n => searchSpace[n]).ToArray();
        var d = names.Length;
        var categorical = dists.Select(x => x is CategoricalDistribution).ToArray();
        var xs = new List<double[]>();
        var losses = new List<double>();
        foreach (var t in complete)
        {
            var row = new double[d];
            var ok = true;
            for (var j = 0; j < d && ok; j++)
            {
                if (!t.InternalParams.TryGetValue(names[j], out var v)) ok = false;
                else row[j] = ToUnit(dists[j], v);
            }
            if (!ok) continue;
            xs.Add(row);
            losses.Add(study.Direction == StudyDirection.Minimize ? t.Values![0] : -t.Values![0]);
        }
        if (xs.Count < 2) return NoParams;
        var warm = study.SystemAttributes.TryGetValue(KernelKey, out var stored) && stored is IReadOnlyList<object?> list
            ? list.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : null;
        // Fit on the losses as they are and log-warped; keep the model with the higher (Jacobian-corrected) evidence.
        var plainY = Targets(losses, warp: false, out var plainJacobian);
        var plain = GaussianProcess.Fit([.. xs], plainY, categorical, warm);
        var warpedY = Targets(losses, warp: true, out var warpedJacobian);
        var warped = GaussianProcess.Fit([.. xs], warpedY, categorical, warm);
        var useWarp = warped.LogPosterior + warpedJacobian > plain.LogPosterior + plainJacobian;
        var gp = useWarp ? warped : plain;
        var y = useWarp ? warpedY : plainY;
        study.SetSystemAttribute(KernelKey, gp.Parameters.Cast<object?>().ToList());
        var best = y.Max();
        var x = Maximize(gp, best, dists, categorical, SeededRandom.ForTrial(Seed, trial.Number, "gp"));
        var result = new Dictionary<string, double>(d, StringComparer.Ordinal);
        for (var j = 0; j < d; j++) result[names[j]] = FromUnit(dists[j], x[j]);
        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution) =>
        _random.SampleIndependent(study, trial, paramName, distribution);

    private double[] Maximize(GaussianProcess gp, double best, Distribution[] dists, bool[] categorical, SeededRandom rng)
    {
        var d = dists.Length;
        var sobol = d <= SobolSequence.MaxDimensions ? new SobolSequence(d) : null;
        var shifts = Enumerable.Range(0, d).Select(_ => (uint)rng.NextUInt64()).ToArray();
        var scored = new List<(double Score, double[] X)>(Candidates);
        for (var i = 0; i < Candidates; i++)
        {
            var x = new double[d];
            for (var j = 0; j < d; j++)
            {
                var u = sobol?.Coordinate(i, j, shifts[j]) ?? rng.NextDouble();
                x[j] = categorical[j] ? CategoryCentre(dists[j], u) : u;
            }
            scored.Add((Acquisition(gp, best, x, null), x));
        }
        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        var bestX = scored[0].X;
        var bestScore = scored[0].Score;
        var gradient = new double[d];
        for (var s = 0; s < Math.Min(LocalSearches, scored.Count); s++)
        {
            var start = scored[s].X;
            var lower = new double[d];
            var upper = new double[d];
            for (var j = 0; j < d; j++)
            {
                lower[j] = categorical[j] ? start[j] : 0;
                upper[j] = categorical[j] ? start[j] : 1;
            }
            var (x, f) = Numerics.Lbfgs.Minimize((p, g) => -Acquisition(gp, best, p, g, negate: true), start, lower, upper, maxIterations: 30);
            if (-f > bestScore)
            {
                bestScore = -f;
                bestX = x;
            }
        }
        return bestX;
    }

    private static double Acquisition(GaussianProcess gp, double best, double[] x, double[]? gradient, bool negate = false)
    {
        if (gradient is null)
        {
            var (m, v) = gp.Predict(x);
            return LogExpectedImprovement.Evaluate(m, Math.Sqrt(v), best).Value;
        }
        var dMean = new double[x.Length];
        var dVar = new double[x.Length];
        var (mean, variance) = gp.Predict(x, dMean, dVar);
        var sigma = Math.Sqrt(variance);
        var (value, dm, ds) = LogExpectedImprovement.Evaluate(mean, sigma, best);
        for (var j = 0; j < x.Length; j++)
        {
            var g = dm * dMean[j] + ds * dVar[j] / (2 * sigma);
            gradient[j] = negate ? -g : g;
        }
        return value;
    }

    /// <summary>
    /// Targets to maximise, standardised, from the losses, either as they are or log-warped
    /// (log(loss − min + offset)); <paramref name="logJacobian"/> is the log-density correction that makes the two
    /// fits' likelihoods comparable (the change of variables plus the standardisation).
    /// </summary>
    private static double[] Targets(List<double> losses, bool warp, out double logJacobian)
    {
        var finite = losses.Where(double.IsFinite).ToArray();
        var lo = finite.Length > 0 ? finite.Min() : 0;
        var hi = finite.Length > 0 ? finite.Max() : 0;
        var t = losses.Select(l => double.IsPositiveInfinity(l) ? hi : double.IsNegativeInfinity(l) ? lo : l).ToArray();
        logJacobian = 0;
        if (warp)
        {
            var sorted = t.OrderBy(v => v).ToArray();
            var offset = Math.Max((sorted[sorted.Length / 2] - lo) * 0.01, 1e-12);
            for (var i = 0; i < t.Length; i++)
            {
                var shifted = t[i] - lo + offset;
                logJacobian -= Math.Log(shifted);
                t[i] = Math.Log(shifted);
            }
        }
        var mean = t.Average();
        var std = Math.Sqrt(t.Sum(v => (v - mean) * (v - mean)) / t.Length);
        if (!(std > 1e-12)) std = 1;
        logJacobian -= t.Length * Math.Log(std);
        var y = new double[t.Length];
        for (var i = 0; i < t.Length; i++) y[i] = -(t[i] - mean) / std;
        return y;
    }

    private static double ToUnit(Distribution d, double internalValue)
    {
        if (d is CategoricalDistribution c) return c.Choices.Count == 1 ? 0 : internalValue / (c.Choices.Count - 1);
        var (low, high) = SearchSpace.Bounds(d);
        return (SearchSpace.Transform(d, internalValue) - low) / (high - low);
    }

    private static double FromUnit(Distribution d, double u)
    {
        if (d is CategoricalDistribution c) return Math.Clamp(Math.Round(u * (c.Choices.Count - 1)), 0, c.Choices.Count - 1);
        var (low, high) = SearchSpace.Bounds(d);
        return SearchSpace.Untransform(d, low + Math.Clamp(u, 0, 1) * (high - low));
    }

    private static double CategoryCentre(Distribution d, double u)
    {
        var count = ((CategoricalDistribution)d).Choices.Count;
        var index = Math.Min((int)(u * count), count - 1);
        return count == 1 ? 0 : (double)index / (count - 1);
    }
}
