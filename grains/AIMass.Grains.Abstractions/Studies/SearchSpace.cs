namespace AIMass.Grains.Studies;

/// <summary>
/// A search space: an ordered list of parameters (parents before their conditional children) and fixed
/// values passed to every trial unchanged.
/// </summary>
[GenerateSerializer, Immutable, Alias("aimass.search-space")]
public sealed record SearchSpace
{
    [Id(0)] public ParameterSpec[] Parameters { get; init; } = [];
    [Id(1)] public Dictionary<string, string> Fixed { get; init; } = [];

    /// <summary>Errors naming each invalid parameter (empty when the space is valid).</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (Parameters.Length == 0 && Fixed.Count == 0) errors.Add(new(null, "searchSpace", "has no parameters"));
        foreach (var p in Parameters)
        {
            var at = $"searchSpace.{p.Name}";
            if (string.IsNullOrWhiteSpace(p.Name)) { errors.Add(new(null, "searchSpace", "a parameter has no name")); continue; }
            if (!seen.Add(p.Name)) errors.Add(new(null, at, "is defined twice"));
            switch (p.Kind)
            {
                case ParameterKind.Float or ParameterKind.Int:
                    if (!double.IsFinite(p.Low) || !double.IsFinite(p.High)) errors.Add(new(null, at, "bounds must be finite numbers"));
                    else if (p.Low > p.High) errors.Add(new(null, at, $"low {p.Low} is above high {p.High}"));
                    if (p.Log && p.Low <= 0) errors.Add(new(null, at, "a log-scaled range needs low > 0"));
                    if (p.Step is { } step && !(step > 0)) errors.Add(new(null, at, "step must be positive"));
                    if (p.Log && p.Step is { } s && s != 1 && p.Kind == ParameterKind.Float) errors.Add(new(null, at, "log and step cannot be combined"));
                    if (p.Kind == ParameterKind.Int && (p.Low != Math.Floor(p.Low) || p.High != Math.Floor(p.High))) errors.Add(new(null, at, "integer bounds must be whole numbers"));
                    break;
                case ParameterKind.Categorical:
                    if (p.Choices.Length == 0) errors.Add(new(null, at, "has no choices"));
                    else if (p.Choices.Distinct(StringComparer.Ordinal).Count() != p.Choices.Length) errors.Add(new(null, at, "has duplicate choices"));
                    break;
                default:
                    errors.Add(new(null, at, $"unknown kind {p.Kind}"));
                    break;
            }
            if (p.ParentName is not null && !seen.Contains(p.ParentName))
            {
                errors.Add(new(null, at, $"depends on '{p.ParentName}', which must be defined before it"));
            }
        }
        return errors;
    }
}
