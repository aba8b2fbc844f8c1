using System.Globalization;

namespace AIMass.Grains.Studies.SearchSpaces;

/// <summary>
/// Fits a configuration that won elsewhere to this study's search space: parameters the space does not have
/// (or whose condition does not hold) are dropped, numbers are clipped into range and rounded for integers,
/// categorical values outside the choices are dropped. What is left is enqueued; the sampler fills the rest.
/// </summary>
public static class WarmStartAdapter
{
    public static Dictionary<string, object?> Adapt(IReadOnlyDictionary<string, string> configuration, SearchSpace space)
    {
        var adapted = new Dictionary<string, object?>(StringComparer.Ordinal);
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (p.ParentName is not null
                && (!chosen.TryGetValue(p.ParentName, out var parent) || !p.ParentValues.Contains(parent, StringComparer.Ordinal)))
            {
                continue;
            }
            if (!configuration.TryGetValue(p.Name, out var text)) continue;
            switch (p.Kind)
            {
                case ParameterKind.Categorical when p.Choices.Contains(text, StringComparer.Ordinal):
                    adapted[p.Name] = text;
                    chosen[p.Name] = text;
                    break;
                case ParameterKind.Float when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                    var clipped = Math.Clamp(d, p.Low, p.High);
                    if (p.Step is { } step) clipped = Math.Clamp(p.Low + Math.Round((clipped - p.Low) / step) * step, p.Low, p.High);
                    adapted[p.Name] = clipped;
                    chosen[p.Name] = clipped.ToString("R", CultureInfo.InvariantCulture);
                    break;
                case ParameterKind.Int when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n):
                    var step1 = (int)Math.Max(1, p.Step ?? 1);
                    var value = (int)Math.Clamp(Math.Round((n - p.Low) / step1) * step1 + p.Low, p.Low, p.High);
                    adapted[p.Name] = value;
                    chosen[p.Name] = value.ToString(CultureInfo.InvariantCulture);
                    break;
            }
        }
        return adapted;
    }
}
