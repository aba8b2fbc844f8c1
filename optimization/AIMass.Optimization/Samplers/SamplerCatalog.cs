using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.CmaEs;
using AIMass.Optimization.Samplers.Gp;
using AIMass.Optimization.Samplers.Nsga2;
using AIMass.Optimization.Samplers.Qmc;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization;

/// <summary>
/// Samplers by name, with sensible defaults, for configuration files and the service's API: <c>tpe</c> (default:
/// <see cref="TpeSamplerOptions"/>' defaults, multivariate per group of co-occurring parameters), <c>tpe-optuna</c>
/// (Optuna 3.1.0's TPE settings), <c>tpe-multivariate</c> (Optuna 3.1.0's <c>multivariate=True, group=True</c>), <c>random</c>,
/// <c>qmc</c> (scrambled Sobol), <c>cmaes</c> (IPOP restarts), <c>gp</c> (Matérn 5/2 + log EI) and <c>nsga2</c>.
/// Grid and partial-fixed samplers need arguments: construct them directly.
/// </summary>
public static class SamplerCatalog
{
    private static readonly (string Name, Func<int, ISampler> Create)[] Entries =
    [
        ("tpe", seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Group = true })),
        ("tpe-optuna", seed => new TpeSampler(TpeSamplerOptions.Optuna3(seed))),
        ("tpe-multivariate", seed => new TpeSampler(TpeSamplerOptions.Optuna3(seed, multivariate: true, group: true))),
        ("random", seed => new RandomSampler(seed)),
        ("qmc", seed => new QmcSampler(seed, scramble: true)),
        ("cmaes", seed => new CmaEsSampler(seed)),
        ("gp", seed => new GpSampler(seed)),
        ("nsga2", seed => new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed })),
    ];

    /// <summary>The known names (<c>tpe</c> is the default).</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The default sampler's name.</summary>
    public const string DefaultName = "tpe";

    /// <summary>Creates the sampler called <paramref name="name"/> (case-insensitive); throws <see cref="ArgumentException"/> listing the known names.</summary>
    public static ISampler Create(string name, int seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, create) in Entries)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return create(seed);
        }
        throw new ArgumentException($"Unknown sampler '{name}'; known samplers: {string.Join(", ", Names)}.", nameof(name));
    }
}
