using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace AIMass.Client.Tests.Deploy;

/// <summary>
/// The configuration keys the hosts bind under <c>AIMass</c>, found by reflection over their option classes
/// (nested classes such as <c>Tls</c>, <c>Silo</c> and <c>Trainer</c> included), with the type each key's value
/// must convert to. An <c>AIMass__*</c> environment variable that is not among them is silently ignored by the hosts.
/// </summary>
public static class OptionKeys
{
    /// <summary>Each option class and the section it is bound to.</summary>
    public static readonly (string Section, Type Options)[] Sections =
    [
        (global::AIMass.Silo.Configuration.AIMassOptions.Section, typeof(global::AIMass.Silo.Configuration.AIMassOptions)),
        ("AIMass", typeof(global::AIMass.Client.Hosting.ClusterConnectionOptions)), // the web host's Orleans client reads the silos' keys
        (global::AIMass.Web.Configuration.WebOptions.Section, typeof(global::AIMass.Web.Configuration.WebOptions)),
        (global::AIMass.Grains.Hosting.JobSchedulingOptions.Section, typeof(global::AIMass.Grains.Hosting.JobSchedulingOptions)),
        (global::AIMass.Client.AIMassClientOptions.Section, typeof(global::AIMass.Client.AIMassClientOptions)),
    ];

    /// <summary>
    /// Every bindable key (<c>AIMass:Silo:Devices</c>, ...) and the value types of the options that bind it (several
    /// where two classes share a key: <c>AIMass:Storage</c> is an enum to the silo, a string to the client); keys compare
    /// case-insensitively.
    /// </summary>
    public static IReadOnlyDictionary<string, List<Type>> All { get; } = Collect();

    /// <summary>Why the environment variable <paramref name="name"/> = <paramref name="value"/> binds to nothing or to a wrong type (null when it is fine).</summary>
    public static string? Problem(string name, string? value)
    {
        var key = name.Replace("__", ":", StringComparison.Ordinal);
        if (!All.TryGetValue(key, out var types)) return $"{name}: no option has the key {key}";
        return types.Select(t => Problem(name, value, t)).FirstOrDefault(p => p is not null);
    }

    private static string? Problem(string name, string? value, Type type)
    {
        if (value is null || value.Contains("$(", StringComparison.Ordinal)) return type == typeof(string) ? null : $"{name}: {type.Name} from a reference";
        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromString(null, CultureInfo.InvariantCulture, value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException || e.InnerException is FormatException)
        {
            return $"{name}: '{value}' is not a {target.Name}";
        }
    }

    private static Dictionary<string, List<Type>> Collect()
    {
        var keys = new Dictionary<string, List<Type>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, options) in Sections) Walk(options, section, keys, depth: 0);
        return keys;
    }

    private static void Walk(Type type, string prefix, Dictionary<string, List<Type>> keys, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            var propertyType = property.PropertyType;
            if (IsLeaf(propertyType))
            {
                if (property.SetMethod?.IsPublic == true)
                {
                    if (!keys.TryGetValue(key, out var types)) keys[key] = types = [];
                    types.Add(propertyType);
                }
            }
            else if (propertyType.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(propertyType) && depth < 4)
            {
                Walk(propertyType, key, keys, depth + 1);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal)
            || target == typeof(TimeSpan) || target == typeof(DateTimeOffset) || target == typeof(DateTime) || target == typeof(Uri);
    }
}
