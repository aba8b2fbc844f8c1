using System.Globalization;
using AIMass.Grains.Datasets;
using AIMass.Training.Configuration;

namespace AIMass.Grains.Studies.Admission;

/// <summary>
/// Decides whether a configuration may run before it costs anything: every value within the trainer's bounds and the
/// family known, and the model's estimated parameters and peak training memory within the tenant's per-trial limits.
/// A search space is checked at its corners when the study is created (every value range at both ends, every choice),
/// so that no trial sampled from it can be refused later; each trial is checked again when it is proposed.
/// </summary>
public static class TrialAdmission
{
    /// <summary>Why <paramref name="values"/> may not run, or null when it may.</summary>
    public static string? Refusal(IReadOnlyDictionary<string, string> values, AdmissionLimits limits, ImageShape? image)
    {
        try
        {
            var estimate = ConfigurationCheck.Check(values.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), limits.Features, limits.Outputs, Shape(image), limits.Rows);
            return Exceeds(estimate, limits);
        }
        catch (HyperparameterException e)
        {
            return e.Message;
        }
    }

    /// <summary>Field errors for every corner of <paramref name="space"/> that may not run (empty when all may).</summary>
    public static IReadOnlyList<FieldError> CheckSpace(SearchSpace space, AdmissionLimits limits, ImageShape? image)
    {
        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var corner in Corners(space))
        {
            try
            {
                var estimate = ConfigurationCheck.Check(corner.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), limits.Features, limits.Outputs, Shape(image), limits.Rows);
                if (Exceeds(estimate, limits) is { } refusal && seen.Add("size:" + estimate.Family))
                {
                    errors.Add(new(null, "searchSpace", $"{refusal} (at {Describe(corner)})"));
                }
            }
            catch (HyperparameterException e) when (seen.Add(e.Key))
            {
                errors.Add(new(null, $"searchSpace.{e.Key}", e.Message));
            }
            catch (HyperparameterException)
            {
            }
            catch (ArgumentException)
            {
                // A rule between keys (a patch size that must divide the image, heads that must divide the width) can
                // fail at a corner that no sampled trial reaches; such a trial fails on its own, as before.
            }
        }
        return errors;
    }

    private static string? Exceeds(ConfigurationEstimate estimate, AdmissionLimits limits)
    {
        if (estimate.Parameters is { } parameters && parameters > limits.MaxParameters)
        {
            return $"a {estimate.Family} of about {parameters:N0} parameters is above this tenant's limit of {limits.MaxParameters:N0} per trial";
        }
        if (estimate.PeakMemoryBytes is { } bytes && bytes > limits.MaxMemoryBytes)
        {
            return $"a {estimate.Family} needs an estimated {Mib(bytes):N0} MiB to train, above this tenant's limit of {Mib(limits.MaxMemoryBytes):N0} MiB per trial";
        }
        return null;
    }

    /// <summary>
    /// The configurations at the edges of the space: for each family it allows, every numeric parameter at its high
    /// end, then at its low end, then each other choice of every categorical parameter (parameters that apply only
    /// under another's value are set only where that value is).
    /// </summary>
    private static IEnumerable<Dictionary<string, string>> Corners(SearchSpace space)
    {
        var family = space.Parameters.FirstOrDefault(p => p.Name == "family" && p.Kind == ParameterKind.Categorical);
        var families = family?.Choices ?? [space.Fixed.GetValueOrDefault("family") ?? ""];
        foreach (var f in families)
        {
            foreach (var high in new[] { true, false })
            {
                yield return Corner(space, f, high, null, null);
            }
            foreach (var categorical in space.Parameters.Where(p => p.Kind == ParameterKind.Categorical && p.Name != "family"))
            {
                foreach (var choice in categorical.Choices.Skip(1)) yield return Corner(space, f, true, categorical.Name, choice);
            }
        }
    }

    private static Dictionary<string, string> Corner(SearchSpace space, string family, bool high, string? choiceName, string? choice)
    {
        var values = new Dictionary<string, string>(space.Fixed, StringComparer.Ordinal);
        if (family.Length > 0) values["family"] = family;
        foreach (var p in space.Parameters.Where(p => p.Name != "family"))
        {
            if (p.ParentName is { } parent && (!values.TryGetValue(parent, out var parentValue) || !p.ParentValues.Contains(parentValue))) continue;
            values[p.Name] = p.Kind switch
            {
                ParameterKind.Categorical => p.Name == choiceName ? choice! : p.Choices.FirstOrDefault() ?? "",
                ParameterKind.Int => ((long)(high ? p.High : p.Low)).ToString(CultureInfo.InvariantCulture),
                _ => (high ? p.High : p.Low).ToString("R", CultureInfo.InvariantCulture),
            };
        }
        return values;
    }

    private static string Describe(Dictionary<string, string> corner) =>
        string.Join(", ", corner.Where(kv => kv.Key is "family" or "width" or "layers" or "blocks" or "hidden_factor" or "batch_size").Select(kv => $"{kv.Key} {kv.Value}"));

    private static long Mib(long bytes) => bytes >> 20;

    private static Training.Data.ImageShape? Shape(ImageShape? image) => image is null ? null : new(image.Channels, image.Height, image.Width);
}
