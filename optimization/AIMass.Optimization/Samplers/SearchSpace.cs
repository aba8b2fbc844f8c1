using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers;

/// <summary>
/// Helpers shared by samplers: a continuous "transformed" box for each distribution (log scale, step cells widened
/// by half a step, categorical index cells [i, i+1)), uniform sampling, and the intersection and group-decomposed
/// search spaces of a study's finished trials.
/// </summary>
public static class SearchSpace
{
    /// <summary>The transformed interval of a distribution.</summary>
    public static (double Low, double High) Bounds(Distribution d) => d switch
    {
        FloatDistribution { Log: true } f => (Math.Log(f.Low), Math.Log(f.High)),
        FloatDistribution { Step: { } s } f => (f.Low - 0.5 * s, f.High + 0.5 * s),
        FloatDistribution f => (f.Low, f.High),
        IntDistribution { Log: true } i => (Math.Log(i.Low - 0.5), Math.Log(i.High + 0.5)),
        IntDistribution i => (i.Low - 0.5 * i.Step, i.High + 0.5 * i.Step),
        CategoricalDistribution c => (0, c.Choices.Count),
        _ => throw new ArgumentException($"Unsupported distribution {d.GetType().Name}.", nameof(d)),
    };

    /// <summary>Maps an internal value into the transformed interval.</summary>
    public static double Transform(Distribution d, double internalValue) => d switch
    {
        FloatDistribution { Log: true } => Math.Log(internalValue),
        IntDistribution { Log: true } => Math.Log(internalValue),
        CategoricalDistribution => internalValue + 0.5,
        _ => internalValue,
    };

    /// <summary>Maps a point of the transformed interval back to a valid internal value (rounded onto steps, clipped).</summary>
    public static double Untransform(Distribution d, double x)
    {
        switch (d)
        {
            case FloatDistribution { Log: true } f:
                return Math.Clamp(Math.Exp(x), f.Low, f.High);
            case FloatDistribution { Step: { } s } f:
                return Math.Clamp(Math.Round((x - f.Low) / s) * s + f.Low, f.Low, f.High);
            case FloatDistribution f:
                return Math.Clamp(x, f.Low, f.High);
            case IntDistribution { Log: true } i:
                return Math.Clamp(Math.Round(Math.Exp(x)), i.Low, i.High);
            case IntDistribution i:
                return Math.Clamp(Math.Round((x - i.Low) / i.Step) * i.Step + i.Low, i.Low, i.High);
            case CategoricalDistribution c:
                return Math.Clamp(Math.Floor(x), 0, c.Choices.Count - 1);
            default:
                throw new ArgumentException($"Unsupported distribution {d.GetType().Name}.", nameof(d));
        }
    }

    /// <summary>A uniform draw (uniform in log space for log distributions; uniform over choices and grid points).</summary>
    public static double SampleUniform(Distribution d, SeededRandom rng)
    {
        if (d.IsSingle) return d.SingleInternalValue;
        if (d is CategoricalDistribution c) return rng.NextInt(c.Choices.Count);
        var (low, high) = Bounds(d);
        return Untransform(d, rng.Uniform(low, high));
    }

    /// <summary>
    /// The parameters that every complete (and, if asked, pruned) trial has, with one distribution each
    /// (a parameter whose distribution changed is left out), in the order of the last trial's parameters.
    /// </summary>
    public static IReadOnlyDictionary<string, Distribution> Intersection(Study study, bool includePruned)
    {
        Dictionary<string, Distribution>? result = null;
        var lists = includePruned
            ? new[] { study.GetTrials(TrialState.Complete), study.GetTrials(TrialState.Pruned) }
            : new[] { study.GetTrials(TrialState.Complete) };
        foreach (var list in lists)
        {
            foreach (var t in list)
            {
                if (result is null)
                {
                    result = new Dictionary<string, Distribution>(t.Distributions, StringComparer.Ordinal);
                    continue;
                }
                List<string>? drop = null;
                foreach (var (name, d) in result)
                {
                    if (!t.Distributions.TryGetValue(name, out var other) || !other.Equals(d)) (drop ??= []).Add(name);
                }
                if (drop is not null)
                {
                    foreach (var name in drop) result.Remove(name);
                }
                if (result.Count == 0) return result;
            }
        }
        if (result is null) return new Dictionary<string, Distribution>();
        var ordered = new SortedDictionary<string, Distribution>(result, StringComparer.Ordinal);
        return new Dictionary<string, Distribution>(ordered, StringComparer.Ordinal);
    }

    /// <summary>
    /// Splits the parameters seen in complete (and, if asked, pruned) trials into groups that always occur together
    /// (Optuna's group decomposition), each with the latest distribution of each parameter.
    /// </summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, Distribution>> GroupDecomposed(Study study, bool includePruned)
    {
        var groups = new List<SortedSet<string>>();
        var latest = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        void Add(FrozenTrial t)
        {
            var names = new SortedSet<string>(t.Distributions.Keys, StringComparer.Ordinal);
            foreach (var (k, v) in t.Distributions) latest[k] = v;
            var next = new List<SortedSet<string>>();
            var covered = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var g in groups)
            {
                var inter = new SortedSet<string>(g, StringComparer.Ordinal);
                inter.IntersectWith(names);
                var diff = new SortedSet<string>(g, StringComparer.Ordinal);
                diff.ExceptWith(names);
                if (inter.Count > 0) next.Add(inter);
                if (diff.Count > 0) next.Add(diff);
                covered.UnionWith(g);
            }
            var fresh = new SortedSet<string>(names, StringComparer.Ordinal);
            fresh.ExceptWith(covered);
            if (fresh.Count > 0) next.Add(fresh);
            groups = next;
        }
        foreach (var t in study.GetTrials(TrialState.Complete)) Add(t);
        if (includePruned)
        {
            foreach (var t in study.GetTrials(TrialState.Pruned)) Add(t);
        }
        var result = new List<IReadOnlyDictionary<string, Distribution>>(groups.Count);
        foreach (var g in groups)
        {
            var space = new Dictionary<string, Distribution>(StringComparer.Ordinal);
            foreach (var name in g) space[name] = latest[name];
            result.Add(space);
        }
        return result;
    }
}
