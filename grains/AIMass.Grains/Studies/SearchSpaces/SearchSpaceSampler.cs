using System.Globalization;
using AIMass.Optimization;

namespace AIMass.Grains.Studies.SearchSpaces;

/// <summary>
/// Asks an optimization trial for every parameter of a search space (define-by-run: a conditional
/// parameter is asked only when its parent took one of the listed values) and returns the values as
/// invariant text, with the fixed values added.
/// </summary>
public static class SearchSpaceSampler
{
    public static Dictionary<string, string> Sample(Trial trial, SearchSpace space)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in space.Parameters)
        {
            if (p.ParentName is not null
                && (!values.TryGetValue(p.ParentName, out var parent) || !p.ParentValues.Contains(parent, StringComparer.Ordinal)))
            {
                continue;
            }
            values[p.Name] = p.Kind switch
            {
                ParameterKind.Float => trial.SuggestFloat(p.Name, p.Low, p.High, p.Log, p.Step).ToString("R", CultureInfo.InvariantCulture),
                ParameterKind.Int => trial.SuggestInt(p.Name, (int)p.Low, (int)p.High, p.Log, (int)Math.Max(1, p.Step ?? 1)).ToString(CultureInfo.InvariantCulture),
                _ => trial.SuggestCategorical(p.Name, p.Choices),
            };
        }
        foreach (var (name, value) in space.Fixed)
        {
            values.TryAdd(name, value);
        }
        return values;
    }
}
