namespace AIMass.Optimization.Samplers.Nsga2;

/// <summary>Settings of <see cref="NsgaIISampler"/>; the defaults are Optuna's.</summary>
public sealed class NsgaIISamplerOptions
{
    /// <summary>Trials per generation (at least 2).</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>Chance that a parameter of a child is resampled at random (default 1 / number of parameters).</summary>
    public double? MutationProbability { get; init; }

    /// <summary>Chance that a child mixes two parents (otherwise it copies one).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>Uniform crossover: chance that a parameter comes from the second parent.</summary>
    public double SwappingProbability { get; init; } = 0.5;

    /// <summary>The seed (default: a random one).</summary>
    public int? Seed { get; init; }
}
