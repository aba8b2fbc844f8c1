using System.Globalization;

namespace AIMass.Trainer.Jobs;

/// <summary>Turns a trial's parameters (invariant text on the wire) into the typed values the training pipeline reads.</summary>
public static class ParameterValues
{
    public static IReadOnlyDictionary<string, object?> ToHyperparameters(IReadOnlyDictionary<string, string> parameters)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, text) in parameters)
        {
            result[name] = Parse(text);
        }
        return result;
    }

    public static object? Parse(string? text)
    {
        if (text is null) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i)) return i;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        if (bool.TryParse(text, out var b)) return b;
        return text;
    }
}
