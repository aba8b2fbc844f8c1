using System.Globalization;
using AIMass.Optimization.MultiObjective;
using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Nsga2;

/// <summary>
/// NSGA-II (Deb et al. 2002) for one or more objectives, with Optuna's defaults. Trials carry their generation in
/// the system attribute <c>nsga2:generation</c>; once a generation has <c>PopulationSize</c> complete trials, the
/// parents of the next one are chosen from it and the previous parents by non-dominated sorting and crowding
/// distance (and cached in the study's system attributes once final). A child takes two parents by binary
/// tournament, mixes them by uniform crossover and mutates each parameter with a small probability (mutated
/// parameters, and all parameters of the first generation, are sampled at random).
/// </summary>
public sealed class NsgaIISampler : ISampler
{
    internal const string GenerationKey = "nsga2:generation";
    private const string ParentsKeyPrefix = "nsga2:parents:";
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();
    private readonly RandomSampler _random;

    /// <summary>Creates the sampler; throws <see cref="ArgumentException"/> for invalid options.</summary>
    public NsgaIISampler(NsgaIISamplerOptions? options = null)
    {
        Options = options ?? new NsgaIISamplerOptions();
        if (Options.PopulationSize < 2) throw new ArgumentException("PopulationSize must be at least 2.", nameof(options));
        if (Options.MutationProbability is { } m && !(m >= 0 && m <= 1)) throw new ArgumentException("MutationProbability must be in [0, 1].", nameof(options));
        if (!(Options.CrossoverProbability >= 0 && Options.CrossoverProbability <= 1)) throw new ArgumentException("CrossoverProbability must be in [0, 1].", nameof(options));
        if (!(Options.SwappingProbability >= 0 && Options.SwappingProbability <= 1)) throw new ArgumentException("SwappingProbability must be in [0, 1].", nameof(options));
        Seed = Options.Seed ?? Random.Shared.Next();
        _random = new RandomSampler(Seed);
    }

    /// <summary>The settings.</summary>
    public NsgaIISamplerOptions Options { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

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
    public void BeforeTrial(Study study, FrozenTrial trial)
    {
        var (parentGeneration, _) = Parents(study);
        study.SetTrialSystemAttribute(trial.Number, GenerationKey, parentGeneration + 1);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        var (parentGeneration, parents) = Parents(study);
        if (parentGeneration < 0 || parents.Count < 2 || searchSpace.Count == 0) return NoParams;
        var rng = SeededRandom.ForTrial(Seed, trial.Number, "nsga2");
        var directions = study.Directions;
        var p0 = Tournament(parents, directions, rng);
        var p1 = Tournament(parents, directions, rng);
        var crossover = rng.NextDouble() < Options.CrossoverProbability;
        var mutation = Options.MutationProbability ?? 1.0 / Math.Max(1, searchSpace.Count);
        var child = new Dictionary<string, double>(searchSpace.Count, StringComparer.Ordinal);
        foreach (var (name, d) in searchSpace)
        {
            var swap = crossover && rng.NextDouble() < Options.SwappingProbability;
            var mutate = rng.NextDouble() < mutation;
            var source = swap ? p1 : p0;
            if (mutate || !source.InternalParams.TryGetValue(name, out var v) || !d.Contains(v)) continue;
            child[name] = v;
        }
        return child;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution) =>
        _random.SampleIndependent(study, trial, paramName, distribution);

    /// <summary>The latest generation whose population is complete, and the parents chosen from it (−1 and none at first).</summary>
    internal (int Generation, List<FrozenTrial> Parents) Parents(Study study)
    {
        var byGeneration = new Dictionary<int, List<FrozenTrial>>();
        var runningGenerations = new HashSet<int>();
        var byNumber = new Dictionary<int, FrozenTrial>();
        foreach (var t in study.Trials)
        {
            if (!t.SystemAttributes.TryGetValue(GenerationKey, out var raw) || raw is not int g) continue;
            if (t.State == TrialState.Running) runningGenerations.Add(g);
            if (t.State != TrialState.Complete) continue;
            byNumber[t.Number] = t;
            if (!byGeneration.TryGetValue(g, out var list)) byGeneration[g] = list = [];
            list.Add(t);
        }
        var parents = new List<FrozenTrial>();
        var generation = -1;
        while (true)
        {
            var next = generation + 1;
            if (!byGeneration.TryGetValue(next, out var population) || population.Count < Options.PopulationSize) break;
            var key = ParentsKeyPrefix + next.ToString(CultureInfo.InvariantCulture);
            if (study.SystemAttributes.TryGetValue(key, out var cached) && cached is IReadOnlyList<object?> numbers
                && numbers.All(n => n is int i && byNumber.ContainsKey(i)))
            {
                parents = numbers.Select(n => byNumber[(int)n!]).ToList();
            }
            else
            {
                var pool = new List<FrozenTrial>(population);
                foreach (var p in parents)
                {
                    if (!population.Contains(p)) pool.Add(p);
                }
                parents = SelectElite(pool, study.Directions, Options.PopulationSize);
                if (!runningGenerations.Contains(next)) study.SetSystemAttribute(key, parents.Select(p => (object?)p.Number).ToList());
            }
            generation = next;
        }
        return (generation, parents);
    }

    /// <summary>The best <paramref name="size"/> trials by non-domination rank, ties on the last front broken by crowding distance.</summary>
    internal static List<FrozenTrial> SelectElite(List<FrozenTrial> pool, IReadOnlyList<StudyDirection> directions, int size)
    {
        pool.Sort((a, b) => a.Number.CompareTo(b.Number));
        var loss = ParetoFront.ToLoss(pool, directions);
        var ranks = ParetoFront.NonDominatedRanks(loss, size);
        var elite = new List<FrozenTrial>(size);
        for (var rank = 0; elite.Count < size; rank++)
        {
            var front = new List<int>();
            for (var i = 0; i < pool.Count; i++)
            {
                if (ranks[i] == rank) front.Add(i);
            }
            if (front.Count == 0) break;
            if (elite.Count + front.Count <= size)
            {
                foreach (var i in front) elite.Add(pool[i]);
                continue;
            }
            var distance = CrowdingDistance(front, loss);
            var order = Enumerable.Range(0, front.Count).OrderByDescending(i => distance[i]).ThenBy(i => front[i]).ToList();
            foreach (var i in order.Take(size - elite.Count)) elite.Add(pool[front[i]]);
        }
        return elite;
    }

    private static double[] CrowdingDistance(List<int> front, double[][] loss)
    {
        var distance = new double[front.Count];
        var objectives = loss[front[0]].Length;
        for (var m = 0; m < objectives; m++)
        {
            var order = Enumerable.Range(0, front.Count).OrderBy(i => loss[front[i]][m]).ThenBy(i => front[i]).ToArray();
            var min = loss[front[order[0]]][m];
            var max = loss[front[order[^1]]][m];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[^1]] = double.PositiveInfinity;
            if (!(max > min) || double.IsInfinity(max - min)) continue;
            for (var j = 1; j < order.Length - 1; j++)
            {
                distance[order[j]] += (loss[front[order[j + 1]]][m] - loss[front[order[j - 1]]][m]) / (max - min);
            }
        }
        return distance;
    }

    private static FrozenTrial Tournament(List<FrozenTrial> parents, IReadOnlyList<StudyDirection> directions, SeededRandom rng)
    {
        var a = rng.NextInt(parents.Count);
        var b = rng.NextInt(parents.Count - 1);
        if (b >= a) b++;
        var pa = parents[a];
        var pb = parents[b];
        return ParetoFront.Dominates(pa.Values!, pb.Values!, directions) ? pa : pb;
    }
}
