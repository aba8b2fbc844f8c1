using AIMass.Optimization.Randomness;

namespace AIMass.Optimization.Samplers;

/// <summary>
/// Independent uniform sampling (log-uniform for log domains, uniform over grid points and choices). Each value is
/// drawn from a generator keyed by (seed, trial number, parameter name).
/// </summary>
public sealed class RandomSampler : ISampler
{
    private static readonly IReadOnlyDictionary<string, Distribution> NoSpace = new Dictionary<string, Distribution>();
    private static readonly IReadOnlyDictionary<string, double> NoParams = new Dictionary<string, double>();

    /// <summary>Creates the sampler; without a seed a random one is chosen.</summary>
    public RandomSampler(int? seed = null) => Seed = seed ?? Random.Shared.Next();

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial) => NoSpace;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace) => NoParams;

    /// <inheritdoc />
    public double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution) =>
        SearchSpace.SampleUniform(distribution, SeededRandom.ForTrial(Seed, trial.Number, paramName));
}
