using System.Globalization;
using System.Text.Json;

namespace AIMass.Training.Configuration;

/// <summary>
/// Reads typed hyperparameters from a string-keyed dictionary with defaults and range checks, and records every
/// value read (given or default) in <see cref="Resolved"/>, which is what an artifact stores so that the same
/// architecture can be rebuilt. Errors are <see cref="ArgumentException"/>s naming the key.
/// </summary>
internal sealed class HyperparameterReader
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly SortedDictionary<string, object> _resolved = new(StringComparer.Ordinal);

    public HyperparameterReader(IReadOnlyDictionary<string, object?>? values, IReadOnlyCollection<string> allowedKeys)
    {
        _values = values ?? new Dictionary<string, object?>();
        var unknown = _values.Keys.Where(k => !allowedKeys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown hyperparameter{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown.Select(k => $"'{k}'"))}; known: {string.Join(", ", allowedKeys)}.",
                "Hyperparameters");
        }
    }

    /// <summary>Every key read so far with its effective value (long, double, string or bool).</summary>
    public IReadOnlyDictionary<string, object> Resolved => _resolved;

    /// <summary>Replaces a resolved value chosen from the data (an automatic patch size, say).</summary>
    public void Override(string key, object value) => _resolved[key] = value is int i ? (long)i : value;

    public bool Has(string key) => _values.TryGetValue(key, out var v) && v is not null;

    public int Int(string key, int fallback, int min, int max)
    {
        var value = fallback;
        if (_values.TryGetValue(key, out var raw) && raw is not null)
        {
            if (!TryInteger(raw, out var l) || l < min || l > max)
            {
                throw new HyperparameterException(key, $"Hyperparameter '{key}' must be an integer in [{min}, {max}]; got {Show(raw)}.");
            }
            value = (int)l;
        }
        _resolved[key] = (long)value;
        return value;
    }

    public double Double(string key, double fallback, double min, double max)
    {
        var value = fallback;
        if (_values.TryGetValue(key, out var raw) && raw is not null)
        {
            if (!TryDouble(raw, out var d) || !double.IsFinite(d) || d < min || d > max)
            {
                throw new HyperparameterException(key, $"Hyperparameter '{key}' must be a number in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]; got {Show(raw)}.");
            }
            value = d;
        }
        _resolved[key] = value;
        return value;
    }

    public string Choice(string key, string fallback, params string[] allowed)
    {
        var value = fallback;
        if (_values.TryGetValue(key, out var raw) && raw is not null)
        {
            var text = raw is JsonElement { ValueKind: JsonValueKind.String } e ? e.GetString() : raw as string;
            var match = text is null ? null : allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase));
            value = match ?? throw new HyperparameterException(key, $"Hyperparameter '{key}' must be one of {string.Join(", ", allowed)}; got {Show(raw)}.");
        }
        _resolved[key] = value;
        return value;
    }

    public bool Flag(string key, bool fallback)
    {
        var value = fallback;
        if (_values.TryGetValue(key, out var raw) && raw is not null)
        {
            value = raw switch
            {
                bool b => b,
                JsonElement { ValueKind: JsonValueKind.True } => true,
                JsonElement { ValueKind: JsonValueKind.False } => false,
                string s when bool.TryParse(s.Trim(), out var b) => b,
                _ when TryDouble(raw, out var d) && (d == 0 || d == 1) => d == 1,
                _ => throw new HyperparameterException(key, $"Hyperparameter '{key}' must be true or false; got {Show(raw)}."),
            };
        }
        _resolved[key] = value;
        return value;
    }

    private static bool TryInteger(object raw, out long value)
    {
        value = 0;
        if (!TryDouble(raw, out var d) || d != Math.Floor(d) || Math.Abs(d) > int.MaxValue) return false;
        value = (long)d;
        return true;
    }

    private static bool TryDouble(object raw, out double value)
    {
        switch (raw)
        {
            case double d: value = d; return true;
            case float f: value = f; return true;
            case int i: value = i; return true;
            case long l: value = l; return true;
            case short s: value = s; return true;
            case decimal m: value = (double)m; return true;
            case JsonElement { ValueKind: JsonValueKind.Number } e: value = e.GetDouble(); return true;
            case string text: return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            default: value = 0; return false;
        }
    }

    private static string Show(object raw) => raw switch
    {
        string s => $"'{s}'",
        JsonElement e => e.GetRawText(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => raw.ToString() ?? "null",
    };
}
