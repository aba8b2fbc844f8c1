using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// Tree-structured Parzen Estimator, with Optuna's behaviour and defaults (see <see cref="TpeSamplerOptions"/>):
/// after the startup trials, the trials are split into the best gamma(n) and the rest, a Parzen estimator is fitted
/// to each, and of the candidates drawn from the good one the one with the highest l(x)/g(x) is taken.
/// Independent per parameter by default; <c>Multivariate</c> samples the parameters every finished trial has
/// jointly (<c>Group</c>: per group of co-occurring parameters), the others independently. Works for several
/// objectives (good trials by non-domination rank and hypervolume). Stateless: randomness comes from
/// (seed, trial number, parameter name).
/// </summary>
public sealed class TpeSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<Study, HistoryCache> _cache = new();

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public TpeSampler(TpeSamplerOptions? options = null)
    {
        Options = options ?? new TpeSamplerOptions();
        if (Options.NStartupTrials < 0) throw new ArgumentException("NStartupTrials must not be negative.", nameof(options));
        if (Options.NEiCandidates < 1) throw new ArgumentException("NEiCandidates must be at least 1.", nameof(options));
        if (!(Options.PriorWeight > 0) || !double.IsFinite(Options.PriorWeight))
        {
            throw new ArgumentException("PriorWeight must be positive and finite.", nameof(options));
        }
        if (Options.Group && !Options.Multivariate) throw new ArgumentException("Group needs Multivariate.", nameof(options));
        Seed = Options.Seed ?? Random.Shared.Next();
    }

    /// <summary>The settings.</summary>
    public TpeSamplerOptions Options { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        if (!Options.Multivariate) return NoSpace;
        var result = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        if (Options.Group)
        {
            foreach (var group in SearchSpace.GroupDecomposed(study, includePruned: true))
            {
                foreach (var (name, d) in group)
                {
                    if (!d.IsSingle) result[name] = d;
                }
            }
            return result;
        }
        foreach (var (name, d) in SearchSpace.Intersection(study, includePruned: true))
        {
            if (!d.IsSingle) result[name] = d;
        }
        return result;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        if (searchSpace.Count == 0) return NoParams;
        var history = History(study, trial.Number);
        if (history.Finished < Options.NStartupTrials) return NoParams;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Options.Group)
        {
            var g = 0;
            foreach (var group in SearchSpace.GroupDecomposed(study, includePruned: true))
            {
                var names = new List<string>();
                foreach (var name in group.Keys)
                {
                    if (searchSpace.ContainsKey(name)) names.Add(name);
                }
                if (names.Count > 0) SampleJointly(study, trial, history, names, searchSpace, $"tpe:group:{g++}", result);
            }
        }
        else
        {
            SampleJointly(study, trial, history, [.. searchSpace.Keys], searchSpace, "tpe:relative", result);
        }
        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution)
    {
        var history = History(study, trial.Number);
        if (history.Finished < Options.NStartupTrials)
        {
            return SearchSpace.SampleUniform(distribution, SeededRandom.ForTrial(Seed, trial.Number, paramName));
        }
        var result = new Dictionary<string, double>(1, StringComparer.Ordinal);
        var space = new Dictionary<string, Distribution>(1, StringComparer.Ordinal) { [paramName] = distribution };
        SampleJointly(study, trial, history, [paramName], space, paramName, result, multivariate: false);
        return result[paramName];
    }

    private void SampleJointly(Study study, FrozenTrial trial, TpeHistory history, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, Distribution> space, string purpose, Dictionary<string, double> result, bool multivariate = true)
    {
        var gamma = (Options.Gamma ?? TpeSamplerOptions.DefaultGamma)(history.Finished);
        var (below, above) = history.CachedSplit(gamma);
        var distributions = new Distribution[names.Count];
        for (var d = 0; d < names.Count; d++) distributions[d] = space[names[d]];
        var belowObs = Observations(history, below, names[0], names, out var belowKept);
        var aboveObs = Observations(history, above, names[0], names, out _);
        double[]? belowWeights = null;
        if (study.IsMultiObjective)
        {
            var all = history.MultiObjectiveWeights(below);
            belowWeights = new double[belowKept.Count];
            for (var i = 0; i < belowKept.Count; i++) belowWeights[i] = all[belowKept[i]];
        }
        var mpeBelow = new ParzenEstimator(distributions, belowObs, belowWeights, Options, multivariate);
        var mpeAbove = new ParzenEstimator(distributions, aboveObs, null, Options, multivariate);
        var rng = SeededRandom.ForTrial(Seed, trial.Number, purpose);
        var samples = mpeBelow.Sample(rng, Options.NEiCandidates);
        var logL = mpeBelow.LogPdf(samples);
        var logG = mpeAbove.LogPdf(samples);
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < logL.Length; i++)
        {
            var score = logL[i] - logG[i];
            if (score > bestScore || (i == 0 && double.IsNaN(bestScore)))
            {
                bestScore = score;
                best = i;
            }
        }
        for (var d = 0; d < names.Count; d++) result[names[d]] = samples[d][best];
    }

    /// <summary>
    /// The observations, shared between the parameters of one ask: without constant liar they depend only on the
    /// finished trials, whose immutable lists are the cache key (a pure cache; nothing of it must survive).
    /// </summary>
    private TpeHistory History(Study study, int trialNumber)
    {
        if (Options.ConstantLiar) return TpeHistory.Gather(study, true, trialNumber);
        var complete = study.GetTrials(TrialState.Complete);
        var pruned = study.GetTrials(TrialState.Pruned);
        var cache = _cache.GetOrCreateValue(study);
        lock (cache)
        {
            if (ReferenceEquals(cache.Complete, complete) && ReferenceEquals(cache.Pruned, pruned) && cache.History is { } h) return h;
        }
        var history = TpeHistory.Gather(study, false, trialNumber);
        lock (cache)
        {
            cache.Complete = complete;
            cache.Pruned = pruned;
            cache.History = history;
        }
        return history;
    }

    /// <summary>
    /// The parameter values of the selected trials, per parameter, keeping trials that have every parameter
    /// (Optuna masks by the first one); <paramref name="kept"/> gives the positions kept.
    /// </summary>
    private static double[][] Observations(TpeHistory history, int[] selected, string maskName, IReadOnlyList<string> names, out List<int> kept)
    {
        kept = new List<int>(selected.Length);
        var columns = new List<double>[names.Count];
        for (var d = 0; d < names.Count; d++) columns[d] = new List<double>(selected.Length);
        var row = new double[names.Count];
        for (var i = 0; i < selected.Length; i++)
        {
            var p = history.Trials[selected[i]];
            if (!p.TryGetInternal(maskName, out row[0])) continue;
            var all = true;
            for (var d = 1; d < names.Count && all; d++) all = p.TryGetInternal(names[d], out row[d]);
            if (!all) continue;
            kept.Add(i);
            for (var d = 0; d < names.Count; d++) columns[d].Add(row[d]);
        }
        var obs = new double[names.Count][];
        for (var d = 0; d < names.Count; d++) obs[d] = [.. columns[d]];
        return obs;
    }

    private sealed class HistoryCache
    {
        public IReadOnlyList<FrozenTrial>? Complete;
        public IReadOnlyList<FrozenTrial>? Pruned;
        public TpeHistory? History;
    }
}
