using AIMass.Optimization.Pruners;

namespace AIMass.Optimization;

/// <summary>
/// Pruners by name, with sensible defaults, for configuration files and the service's API: <c>none</c>,
/// <c>median</c> (5 startup trials), <c>percentile</c> (25th percentile), <c>successive-halving</c> (ASHA, η = 4,
/// automatic minimum resource), <c>hyperband</c> (η = 3, automatic maximum resource), <c>threshold</c> (prunes
/// diverging trials: NaN or infinite values) and <c>patient</c> (median pruning after 3 steps without improvement).
/// </summary>
public static class PrunerCatalog
{
    private static readonly (string Name, Func<IPruner> Create)[] Entries =
    [
        ("none", () => new NopPruner()),
        ("median", () => new MedianPruner()),
        ("percentile", () => new PercentilePruner(25)),
        ("successive-halving", () => new SuccessiveHalvingPruner()),
        ("hyperband", () => new HyperbandPruner()),
        // Without bounds of its own: prunes trials whose intermediate values diverge (NaN or infinite).
        ("threshold", () => new ThresholdPruner(-double.MaxValue, double.MaxValue)),
        ("patient", () => new PatientPruner(new MedianPruner(), patience: 3)),
    ];

    /// <summary>The known names (<c>none</c> is the default).</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    /// <summary>The default pruner's name.</summary>
    public const string DefaultName = "none";

    /// <summary>Creates the pruner called <paramref name="name"/> (case-insensitive); throws <see cref="ArgumentException"/> listing the known names.</summary>
    public static IPruner Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, create) in Entries)
        {
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return create();
        }
        throw new ArgumentException($"Unknown pruner '{name}'; known pruners: {string.Join(", ", Names)}.", nameof(name));
    }
}
