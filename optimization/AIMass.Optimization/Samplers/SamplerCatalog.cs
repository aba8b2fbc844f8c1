using AIMass.Optimization.Samplers;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization;

/// <summary>Samplers by name, with sensible defaults, for configuration files and the service's API.</summary>
public static class SamplerCatalog
{
    private static readonly (string Name, Func<int, ISampler> Create)[] Entries =
    [
        ("tpe", seed => new TpeSampler(new TpeSamplerOptions { Seed = seed })),
        ("tpe-multivariate", seed => new TpeSampler(new TpeSamplerOptions { Seed = seed, Multivariate = true, Group = true })),
        ("random", seed => new RandomSampler(seed)),
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
