using AIMass.Optimization.Pruners;

namespace AIMass.Optimization;

/// <summary>Pruners by name, with sensible defaults, for configuration files and the service's API.</summary>
public static class PrunerCatalog
{
    private static readonly (string Name, Func<IPruner> Create)[] Entries =
    [
        ("none", () => new NopPruner()),
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
