using System.Reflection;

namespace AIMass.Bench.Infrastructure;

/// <summary>Every <see cref="IBenchSuite"/> in this assembly, by name.</summary>
public static class SuiteCatalog
{
    public static IReadOnlyList<IBenchSuite> All { get; } = typeof(SuiteCatalog).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IBenchSuite).IsAssignableFrom(t)
            && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IBenchSuite)Activator.CreateInstance(t)!)
        .OrderBy(s => s.Name, StringComparer.Ordinal)
        .ToArray();

    public static IBenchSuite? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
