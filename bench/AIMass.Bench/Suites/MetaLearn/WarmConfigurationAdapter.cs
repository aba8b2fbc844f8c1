using System.Globalization;
using AIMass.Grains.Studies;

namespace AIMass.Bench.Suites.MetaLearn;

/// <summary>
/// Fits a proposed configuration (invariant text values) to a study's search space before it is enqueued, as the
/// study grain does: names the space does not search are dropped (fixed values come from the space), numbers are
/// clipped into their range (integers rounded, stepped floats put on their grid), categories the space does not offer
/// are dropped. Dropped parameters are left to the sampler.
/// </summary>
internal static class WarmConfigurationAdapter
{
    public static Dictionary<string, object?> Adapt(IReadOnlyDictionary<string, string> configuration, SearchSpace space)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (!configuration.TryGetValue(p.Name, out var text)) continue;
            switch (p.Kind)
            {
                case ParameterKind.Float when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v):
                    v = Math.Clamp(v, p.Low, p.High);
                    if (p.Step is { } step && step > 0) v = Math.Min(p.High, p.Low + Math.Round((v - p.Low) / step) * step);
                    result[p.Name] = v;
                    break;
                case ParameterKind.Int when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n):
                    var step1 = (int)Math.Max(1, p.Step ?? 1);
                    var i = (int)Math.Clamp(Math.Round(n), p.Low, p.High);
                    result[p.Name] = (int)Math.Min(p.High, p.Low + Math.Round((i - p.Low) / step1) * step1);
                    break;
                case ParameterKind.Categorical when p.Choices.Contains(text, StringComparer.Ordinal):
                    result[p.Name] = text;
                    break;
            }
        }
        return result;
    }
}
