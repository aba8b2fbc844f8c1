using System.Text.Json;
using System.Text.Json.Serialization;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

/// <summary>
/// The domain of one parameter. Values have an external form (what the objective sees: a double, an int, a
/// categorical choice) and an internal form, always a <see cref="double"/> (a categorical value's internal
/// form is the index of its choice), which is what samplers, storage and snapshots work with.
/// Distributions are immutable and compare by value.
/// </summary>
[JsonConverter(typeof(DistributionJsonConverter))]
public abstract class Distribution : IEquatable<Distribution>
{
    private protected Distribution() { }

    /// <summary>True when the domain holds exactly one value (it is then not sampled).</summary>
    public abstract bool IsSingle { get; }

    /// <summary>Converts an external value to its internal form; throws <see cref="ArgumentException"/> when it cannot be represented.</summary>
    public abstract double ToInternal(object? externalValue);

    /// <summary>Converts an internal value to its external form (double, int, or the categorical choice).</summary>
    public abstract object? ToExternal(double internalValue);

    /// <summary>Whether an internal value lies in the domain (bounds, step grid, choice index).</summary>
    public abstract bool Contains(double internalValue);

    /// <summary>Tries <see cref="ToInternal"/> without throwing.</summary>
    public bool TryToInternal(object? externalValue, out double internalValue)
    {
        try
        {
            internalValue = ToInternal(externalValue);
            return true;
        }
        catch (ArgumentException)
        {
            internalValue = double.NaN;
            return false;
        }
    }

    /// <summary>
    /// Whether a parameter may keep its name across trials with this distribution and <paramref name="other"/>
    /// (Optuna's rule): same kind, same log setting, and for categoricals the same choices. Ranges may differ.
    /// </summary>
    public abstract bool IsCompatibleWith(Distribution other);

    /// <summary>The single value (internal form) of a distribution for which <see cref="IsSingle"/> holds.</summary>
    internal abstract double SingleInternalValue { get; }

    /// <inheritdoc />
    public abstract bool Equals(Distribution? other);

    /// <inheritdoc />
    public sealed override bool Equals(object? obj) => obj is Distribution d && Equals(d);

    /// <inheritdoc />
    public abstract override int GetHashCode();

    /// <summary>The distribution as a JSON object (<c>{"type":"float","low":0,...}</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SnapshotJson.Options);

    /// <summary>Reads a distribution written by <see cref="ToJson"/>.</summary>
    public static Distribution FromJson(string json) =>
        JsonSerializer.Deserialize<Distribution>(json, SnapshotJson.Options)
        ?? throw new ArgumentException("The JSON holds no distribution.", nameof(json));

    /// <summary>Equality operator (by value).</summary>
    public static bool operator ==(Distribution? a, Distribution? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality operator (by value).</summary>
    public static bool operator !=(Distribution? a, Distribution? b) => !(a == b);
}
