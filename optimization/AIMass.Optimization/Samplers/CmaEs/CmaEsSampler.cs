using AIMass.Optimization.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace AIMass.Optimization.Samplers.CmaEs;

/// <summary>
/// CMA-ES over the numeric parameters every complete trial has (at least two, mapped into the unit box: log scale
/// for log domains, steps rounded afterwards), with IPOP restarts: when a run converges or stalls it starts again
/// from a random mean with a doubled population. Categorical and conditional parameters, and the first
/// <c>nStartupTrials</c> trials, are sampled at random. The state lives in the study's system attribute
/// <c>cmaes:state</c>; each trial records its run and generation.
/// </summary>
public sealed class CmaEsSampler : ISampler
{
    internal const string StateKey = "cmaes:state";
    internal const string GenerationKey = "cmaes:generation";
    internal const string RestartKey = "cmaes:restart";
    private const string SpaceKey = "cmaes:space";
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();
    private readonly RandomSampler _random;
    private readonly Lock _gate = new();

    /// <summary>Creates the sampler.</summary>
    public CmaEsSampler(int? seed = null, int nStartupTrials = 1, int? populationSize = null, bool restart = true, double sigma0 = 1.0 / 6)
    {
        if (nStartupTrials < 0) throw new ArgumentOutOfRangeException(nameof(nStartupTrials), nStartupTrials, "Must not be negative.");
        if (populationSize is < 2) throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "Must be at least 2.");
        if (!(sigma0 > 0)) throw new ArgumentOutOfRangeException(nameof(sigma0), sigma0, "Must be positive.");
        Seed = seed ?? Random.Shared.Next();
        NStartupTrials = nStartupTrials;
        PopulationSize = populationSize;
        Restart = restart;
        Sigma0 = sigma0;
        _random = new RandomSampler(Seed);
    }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>Trials sampled at random before CMA-ES starts.</summary>
    public int NStartupTrials { get; }

    /// <summary>The first run's population (default 4 + ⌊3 ln d⌋).</summary>
    public int? PopulationSize { get; }

    /// <summary>Whether to restart (IPOP) on convergence or stagnation.</summary>
    public bool Restart { get; }

    /// <summary>The initial step size in the unit box.</summary>
    public double Sigma0 { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        var result = new Dictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, d) in SearchSpace.Intersection(study, includePruned: false))
        {
            if (!d.IsSingle && d is not CategoricalDistribution) result[name] = d;
        }
        return result.Count >= 2 ? result : new Dictionary<string, Distribution>();
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        if (searchSpace.Count < 2 || study.GetTrials(TrialState.Complete).Count < NStartupTrials) return NoParams;
        var names = searchSpace.Keys.ToArray();
        var signature = string.Join("\u001f", searchSpace.Select(p => $"{p.Key}={p.Value}"));
        CmaState state;
        lock (_gate)
        {
            state = CurrentState(study, names, searchSpace, signature);
        }
        var n = names.Length;
        var (b, d) = state.Eigen();
        var rng = SeededRandom.ForTrial(Seed, trial.Number, "cmaes");
        var x = new double[n];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var z = Vector<double>.Build.Dense(n, _ => rng.NextGaussian());
            for (var k = 0; k < n; k++) z[k] *= d[k];
            var y = b * z;
            var inside = true;
            for (var k = 0; k < n; k++)
            {
                x[k] = state.Mean[k] + state.Sigma * y[k];
                if (x[k] < 0 || x[k] > 1) inside = false;
            }
            if (inside) break;
        }
        study.SetTrialSystemAttribute(trial.Number, GenerationKey, state.Generation);
        study.SetTrialSystemAttribute(trial.Number, RestartKey, state.Restart);
        var result = new Dictionary<string, double>(n, StringComparer.Ordinal);
        for (var k = 0; k < n; k++)
        {
            var dist = searchSpace[names[k]];
            var (low, high) = SearchSpace.Bounds(dist);
            result[names[k]] = SearchSpace.Untransform(dist, low + Math.Clamp(x[k], 0, 1) * (high - low));
        }
        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution) =>
        _random.SampleIndependent(study, trial, paramName, distribution);

    private CmaState CurrentState(Study study, string[] names, IReadOnlyDictionary<string, Distribution> space, string signature)
    {
        var n = names.Length;
        var basePopulation = PopulationSize ?? 4 + (int)Math.Floor(3 * Math.Log(n));
        var stored = study.SystemAttributes.TryGetValue(SpaceKey, out var s) && s as string == signature
            ? CmaState.FromAttribute(study.SystemAttributes.GetValueOrDefault(StateKey))
            : null;
        var state = stored is { } st && st.Dimension == n
            ? st
            : CmaState.Start(n, basePopulation, Sigma0, Enumerable.Repeat(0.5, n).ToArray(), 0);
        var changed = stored is null;
        while (true)
        {
            var members = new List<(double Loss, double[] X, int Number)>();
            foreach (var t in study.GetTrials(TrialState.Complete))
            {
                if (t.SystemAttributes.GetValueOrDefault(GenerationKey) is not int g || g != state.Generation) continue;
                if (t.SystemAttributes.GetValueOrDefault(RestartKey) is not int r || r != state.Restart) continue;
                var x = new double[n];
                var ok = true;
                for (var k = 0; k < n && ok; k++)
                {
                    if (!t.InternalParams.TryGetValue(names[k], out var v)) { ok = false; break; }
                    var (low, high) = SearchSpace.Bounds(space[names[k]]);
                    x[k] = (SearchSpace.Transform(space[names[k]], v) - low) / (high - low);
                }
                if (!ok) continue;
                var loss = study.Direction == StudyDirection.Minimize ? t.Values![0] : -t.Values![0];
                members.Add((loss, x, t.Number));
                if (members.Count == state.PopulationSize) break;
            }
            if (members.Count < state.PopulationSize) break;
            members.Sort((p, q) => p.Loss != q.Loss ? p.Loss.CompareTo(q.Loss) : p.Number.CompareTo(q.Number));
            state.Update(members.Select(m => m.X).ToList(), members[0].Loss);
            changed = true;
            if (Restart && state.ShouldRestart(members.Select(m => m.Loss).ToArray()))
            {
                var restart = state.Restart + 1;
                var rng = SeededRandom.For(Seed, "cmaes:restart", restart);
                var mean = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
                state = CmaState.Start(n, basePopulation << Math.Min(restart, 10), Sigma0, mean, restart);
            }
        }
        if (changed)
        {
            study.SetSystemAttribute(SpaceKey, signature);
            study.SetSystemAttribute(StateKey, state.ToAttribute());
        }
        return state;
    }
}
