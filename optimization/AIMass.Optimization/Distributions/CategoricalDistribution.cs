using System.Collections.ObjectModel;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

/// <summary>
/// A parameter that takes one of a list of choices (null, bool, string, int, long or double). Its internal form
/// is the index of the choice.
/// </summary>
public sealed class CategoricalDistribution : Distribution
{
    /// <summary>Creates the distribution; throws <see cref="ArgumentException"/> for an empty list or an unsupported choice type.</summary>
    public CategoricalDistribution(IEnumerable<object?> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = new List<object?>();
        foreach (var c in choices)
        {
            if (c is not (null or bool or string or int or long or double or float or short or byte or sbyte or ushort or uint))
            {
                throw new ArgumentException(
                    $"Choice '{c}' of type {c.GetType().Name} is not supported; choices must be null, bool, string, int, long or double.",
                    nameof(choices));
            }
            list.Add(AttributeValues.Normalize(c, "choice"));
        }
        if (list.Count == 0) throw new ArgumentException("A categorical distribution needs at least one choice.", nameof(choices));
        Choices = new ReadOnlyCollection<object?>(list);
    }

    /// <summary>The choices, normalised (integers as int or long, floats as double).</summary>
    public IReadOnlyList<object?> Choices { get; }

    /// <inheritdoc />
    public override bool IsSingle => Choices.Count == 1;

    internal override double SingleInternalValue => 0;

    /// <summary>The index of <paramref name="choice"/> (numbers compare by value), or -1.</summary>
    public int IndexOf(object? choice)
    {
        object? normalized;
        try
        {
            normalized = AttributeValues.Normalize(choice, "choice");
        }
        catch (ArgumentException)
        {
            return -1;
        }
        for (var i = 0; i < Choices.Count; i++)
        {
            if (AttributeValues.ScalarEquals(Choices[i], normalized)) return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public override double ToInternal(object? externalValue)
    {
        var index = IndexOf(externalValue);
        if (index < 0) throw new ArgumentException($"Value '{externalValue ?? "null"}' is not one of the choices of {this}.", nameof(externalValue));
        return index;
    }

    /// <inheritdoc />
    public override object? ToExternal(double internalValue)
    {
        var i = (int)internalValue;
        if (i < 0 || i >= Choices.Count || i != internalValue)
        {
            throw new ArgumentOutOfRangeException(nameof(internalValue), internalValue, $"Not a choice index of {this}.");
        }
        return Choices[i];
    }

    /// <inheritdoc />
    public override bool Contains(double internalValue) =>
        internalValue >= 0 && internalValue < Choices.Count && internalValue == Math.Floor(internalValue);

    /// <inheritdoc />
    public override bool IsCompatibleWith(Distribution other) => Equals(other);

    /// <inheritdoc />
    public override bool Equals(Distribution? other)
    {
        if (other is not CategoricalDistribution c || c.Choices.Count != Choices.Count) return false;
        for (var i = 0; i < Choices.Count; i++)
        {
            if (!AttributeValues.DeepEquals(Choices[i], c.Choices[i])) return false;
        }
        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(3);
        foreach (var c in Choices) h.Add(c);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"CategoricalDistribution(choices: [{string.Join(", ", Choices.Select(c => c ?? "null"))}])";
}
