using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Optimization;
using AIMass.Training;

namespace AIMass.Grains.Studies;

/// <summary>Checks a study spec before anything is stored; every error names its field.</summary>
public static class StudySpecValidator
{
    private const int MaxScenarios = 16;

    private static bool IsScenarioName(string name) =>
        name.Length <= 40 && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    public static IReadOnlyList<FieldError> Validate(StudySpec spec)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(spec.Name) || spec.Name.Length > 200) errors.Add(new(null, "name", "is required (at most 200 characters)"));
        try { GrainKeys.ValidateId(spec.DatasetId, "Data set"); }
        catch (ServiceException e) { errors.Add(new(null, "datasetId", e.Message)); }
        if (string.IsNullOrWhiteSpace(spec.Target)) errors.Add(new(null, "target", "is required"));
        if (spec.Task is not null and not ("classification" or "regression")) errors.Add(new(null, "task", $"'{spec.Task}' is not classification or regression"));
        errors.AddRange(spec.Budget.Validate());
        if (!SamplerCatalog.Names.Contains(spec.Sampler)) errors.Add(new(null, "sampler", $"'{spec.Sampler}' is unknown; known: {string.Join(", ", SamplerCatalog.Names)}"));
        if (!PrunerCatalog.Names.Contains(spec.Pruner)) errors.Add(new(null, "pruner", $"'{spec.Pruner}' is unknown; known: {string.Join(", ", PrunerCatalog.Names)}"));
        if (spec.Parallelism is < 1 or > 64) errors.Add(new(null, "parallelism", "must be between 1 and 64"));
        if (spec.DistillTrialsPerScenario is < 1 or > 100) errors.Add(new(null, "distillTrialsPerScenario", "must be between 1 and 100"));
        if (spec.MaxEpochsPerTrial is < 1 or > 1000) errors.Add(new(null, "maxEpochsPerTrial", "must be between 1 and 1000"));
        if (spec.Validation is not ("auto" or "cv" or "holdout")) errors.Add(new(null, "validation", $"'{spec.Validation}' is not auto, cv or holdout"));
        if (spec.Folds is < 2 or > 10) errors.Add(new(null, "folds", "must be between 2 and 10"));
        if (spec.Repeats is < 0 or > 5) errors.Add(new(null, "repeats", "must be between 0 (automatic) and 5"));
        try { DeviceKinds.Requirement(spec.Device); }
        catch (ServiceException e) { errors.AddRange(e.Errors); }
        if (spec.SearchSpace is { } space)
        {
            errors.AddRange(space.Validate());
            foreach (var name in space.Parameters.Select(p => p.Name).Concat(space.Fixed.Keys))
            {
                if (!Hyperparameters.TrainingKeys.Contains(name))
                {
                    errors.Add(new(null, $"searchSpace.{name}", $"is not a hyperparameter the trainer knows; known: {string.Join(", ", Hyperparameters.TrainingKeys)}"));
                }
            }
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (spec.Scenarios.Length > MaxScenarios) errors.Add(new(null, "scenarios", $"at most {MaxScenarios} scenarios; {spec.Scenarios.Length} given"));
        foreach (var scenario in spec.Scenarios.Take(MaxScenarios))
        {
            if (string.IsNullOrWhiteSpace(scenario.Name)) errors.Add(new(null, "scenarios", "a scenario has no name"));
            else if (!IsScenarioName(scenario.Name)) errors.Add(new(null, "scenarios", $"scenario name '{Shorten(scenario.Name)}' is not 1-40 letters, digits, '-' or '_' starting with a letter or digit"));
            else if (!names.Add(scenario.Name)) errors.Add(new(null, $"scenarios.{scenario.Name}", "is defined twice"));
            if (scenario.MaxParameters is < 1) errors.Add(new(null, $"scenarios.{scenario.Name}.maxParameters", "must be positive"));
            if (scenario.MaxLatencyMs is { } l && !(l > 0 && double.IsFinite(l))) errors.Add(new(null, $"scenarios.{scenario.Name}.maxLatencyMs", "must be a positive number"));
            if (scenario.MaxArtifactBytes is < 1) errors.Add(new(null, $"scenarios.{scenario.Name}.maxArtifactBytes", "must be positive"));
        }
        return errors;
    }
}
