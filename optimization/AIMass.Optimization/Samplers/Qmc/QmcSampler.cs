using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers.Qmc;

/// <summary>
/// Quasi-Monte Carlo sampling with a Sobol sequence. As in Optuna, the search space is that of the first complete
/// trial (parameters in name order); trial n takes Sobol point n, mapped into each parameter's transformed box (log
/// scale, step cells, choices). Parameters outside that space, and trials before any is complete, are sampled
/// uniformly at random. With <c>scramble</c> the sequence is digitally shifted by the seed (Optuna's default is
/// unscrambled, which ignores the seed).
/// </summary>
public sealed class QmcSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private readonly RandomSampler _independent;

    /// <summary>Creates the sampler.</summary>
    public QmcSampler(int? seed = null, bool scramble = false)
    {
        Seed = seed ?? Random.Shared.Next();
        Scramble = scramble;
        _independent = new RandomSampler(Seed);
    }

    /// <summary>The seed (of the shift and of the independent sampling).</summary>
    public int Seed { get; }

    /// <summary>Whether the sequence is digitally shifted.</summary>
    public bool Scramble { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial)
    {
        var complete = study.GetTrials(TrialState.Complete);
        if (complete.Count == 0) return NoSpace;
        var result = new SortedDictionary<string, Distribution>(StringComparer.Ordinal);
        foreach (var (name, d) in complete[0].Distributions)
        {
            if (!d.IsSingle) result[name] = d;
        }
        if (result.Count > SobolSequence.MaxDimensions) return NoSpace;
        return new Dictionary<string, Distribution>(result, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace)
    {
        var result = new Dictionary<string, double>(searchSpace.Count, StringComparer.Ordinal);
        if (searchSpace.Count == 0) return result;
        var sobol = new SobolSequence(searchSpace.Count);
        var shifts = SeededRandom.For(Seed, "qmc:shift", searchSpace.Count);
        var d = 0;
        foreach (var (name, distribution) in searchSpace)
        {
            var shift = Scramble ? (uint)shifts.NextUInt64() : 0u;
            var u = sobol.Coordinate(trial.Number, d++, shift);
            var (low, high) = SearchSpace.Bounds(distribution);
            result[name] = SearchSpace.Untransform(distribution, low + u * (high - low));
        }
        return result;
    }

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution) =>
        _independent.SampleIndependent(study, trial, paramName, distribution);
}
