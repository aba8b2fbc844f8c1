using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// Tree-structured Parzen Estimator, with Optuna's behaviour (defaults: see <see cref="TpeSamplerOptions"/>):
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
    private const string RelativePurpose = "tpe:relative";
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
            foreach (var group in Groups(study))
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
            foreach (var group in Groups(study))
            {
                var names = new List<string>();
                foreach (var name in group.Keys)
                {
                    if (searchSpace.ContainsKey(name)) names.Add(name);
                }
                // The first group draws from the relative stream: on a space without conditional parameters (one
                // group, names in ordinal order either way) Group changes nothing.
                if (names.Count == 0) continue;
                SampleJointly(study, trial, history, names, searchSpace, g == 0 ? RelativePurpose : $"tpe:group:{g}", result);
                g++;
            }
        }
        else
        {
            var names = searchSpace.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            SampleJointly(study, trial, history, names, searchSpace, RelativePurpose, result);
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
        var split = history.CachedSplit((Options.Gamma ?? TpeSamplerOptions.DefaultGamma)(history.Finished));
        var column = history.Column(paramName, TpeColumn.IsLog(distribution));
        var below = new List<double>(split.Below.Length);
        var belowKept = new List<int>(split.Below.Length);
        for (var i = 0; i < split.Below.Length; i++)
        {
            var v = column.Internal[split.Below[i]];
            if (double.IsNaN(v)) continue;
            below.Add(v);
            belowKept.Add(i);
        }
        var mpeBelow = new ParzenEstimator([distribution], [[.. below]], BelowWeights(study, history, split, belowKept), Options, false);
        var samples = mpeBelow.Sample(SeededRandom.ForTrial(Seed, trial.Number, paramName), Options.NEiCandidates);
        var logAbove = ParzenEstimator.ColumnLogPdf(distribution, column, split.BelowMask, Options, samples);
        return samples[0][Best(mpeBelow.LogPdf(samples), logAbove)];
    }

    private void SampleJointly(Study study, FrozenTrial trial, TpeHistory history, IReadOnlyList<string> names,
        IReadOnlyDictionary<string, Distribution> space, string purpose, Dictionary<string, double> result)
    {
        var split = history.CachedSplit((Options.Gamma ?? TpeSamplerOptions.DefaultGamma)(history.Finished));
        var distributions = new Distribution[names.Count];
        var columns = new TpeColumn[names.Count];
        for (var d = 0; d < names.Count; d++)
        {
            distributions[d] = space[names[d]];
            columns[d] = history.Column(names[d], TpeColumn.IsLog(distributions[d]));
        }
        var belowObs = Observations(columns, split.Below, out var belowKept);
        var mpeBelow = new ParzenEstimator(distributions, belowObs, BelowWeights(study, history, split, belowKept), Options, true);
        var mpeAbove = ParzenEstimator.FromColumns(distributions, columns, split.BelowMask, Options);
        var samples = mpeBelow.Sample(SeededRandom.ForTrial(Seed, trial.Number, purpose), Options.NEiCandidates);
        var best = Best(mpeBelow.LogPdf(samples), mpeAbove.LogPdf(samples));
        for (var d = 0; d < names.Count; d++) result[names[d]] = samples[d][best];
    }

    /// <summary>The candidate with the largest log l(x) − log g(x) (the first of equals; 0 when none is comparable).</summary>
    private static int Best(double[] logL, double[] logG)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < logL.Length; i++)
        {
            var score = logL[i] - logG[i];
            if (score > bestScore)
            {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /// <summary>Multi-objective: the kept below trials' hypervolume-contribution weights; null (default weights) otherwise.</summary>
    private static double[]? BelowWeights(Study study, TpeHistory history, TpeHistory.SplitResult split, List<int> kept)
    {
        if (!study.IsMultiObjective) return null;
        var all = history.MultiObjectiveWeights(split.Below);
        var weights = new double[kept.Count];
        for (var i = 0; i < kept.Count; i++) weights[i] = all[kept[i]];
        return weights;
    }

    /// <summary>
    /// The observations: without constant liar they depend only on the finished trials, so the latest history is kept
    /// per study and extended as trials finish (a pure cache; nothing of it must survive).
    /// </summary>
    private TpeHistory History(Study study, int trialNumber)
    {
        if (Options.ConstantLiar) return TpeHistory.WithRunning(study, trialNumber);
        var cache = _cache.GetOrCreateValue(study);
        lock (cache)
        {
            return cache.History = TpeHistory.OfFinished(study, cache.History);
        }
    }

    /// <summary>
    /// The values of the selected trials (history indices), per parameter, keeping the trials that have every
    /// parameter; <paramref name="kept"/> gives the positions in <paramref name="selected"/> kept.
    /// </summary>
    private static double[][] Observations(TpeColumn[] columns, int[] selected, out List<int> kept)
    {
        kept = new List<int>(selected.Length);
        for (var i = 0; i < selected.Length; i++)
        {
            var all = true;
            foreach (var column in columns) all &= !double.IsNaN(column.Internal[selected[i]]);
            if (all) kept.Add(i);
        }
        var obs = new double[columns.Length][];
        for (var d = 0; d < columns.Length; d++)
        {
            obs[d] = new double[kept.Count];
            for (var j = 0; j < kept.Count; j++) obs[d][j] = columns[d].Internal[selected[kept[j]]];
        }
        return obs;
    }

    /// <summary>The groups of <see cref="SearchSpace.GroupDecomposed"/> (with pruned trials), kept up to date per study.</summary>
    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Groups(Study study) => _cache.GetOrCreateValue(study).Groups.Of(study);

    private sealed class HistoryCache
    {
        public readonly TpeGroups Groups = new();
        public TpeHistory? History;
    }
}
