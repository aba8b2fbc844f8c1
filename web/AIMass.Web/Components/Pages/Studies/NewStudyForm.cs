using AIMass.Grains.Studies;
using AIMass.Optimization;

namespace AIMass.Web.Components.Pages.Studies;

/// <summary>The new-study form's values, with the defaults a first study should have, and the spec they make.</summary>
public sealed class NewStudyForm
{
    private static readonly StudySpec Defaults = new() { Name = "", DatasetId = "", Target = "" };

    public string? DatasetId { get; set; }
    public string? Target { get; set; }

    /// <summary><c>auto</c>, <c>classification</c> or <c>regression</c>.</summary>
    public string Task { get; set; } = "auto";
    public string Name { get; set; } = "";
    public bool NameEdited { get; set; }
    public int? MaxTrials { get; set; } = 20;
    public double? MaxMinutes { get; set; } = 15;
    public int? MaxEpochs { get; set; }
    public HashSet<string> Scenarios { get; } = ScenarioSpec.Defaults.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    public string Sampler { get; set; } = Pick(SamplerCatalog.Names, Defaults.Sampler, SamplerCatalog.DefaultName);
    public string Pruner { get; set; } = Pick(PrunerCatalog.Names, Defaults.Pruner, PrunerCatalog.DefaultName);
    public int Seed { get; set; } = 42;
    public int Parallelism { get; set; } = 2;
    public string Device { get; set; } = "any";
    public bool UseMetaLearning { get; set; } = true;
    public bool Distill { get; set; } = true;

    /// <summary>The default name for the chosen data set and target.</summary>
    public string SuggestedName => Target is null || DatasetId is null ? "" : $"{Target} on {DatasetId}";

    /// <summary>The spec's default when the catalog knows it, else the catalog's own default.</summary>
    private static string Pick(IReadOnlyList<string> known, string preferred, string fallback) => known.Contains(preferred) ? preferred : fallback;

    public StudySpec ToSpec() => new()
    {
        Name = string.IsNullOrWhiteSpace(Name) ? SuggestedName : Name.Trim(),
        DatasetId = DatasetId ?? "",
        Target = Target ?? "",
        Task = Task == "auto" ? null : Task,
        Budget = new StudyBudget
        {
            MaxTrials = MaxTrials,
            MaxSeconds = MaxMinutes is { } minutes ? minutes * 60 : null,
        },
        Sampler = Sampler,
        Pruner = Pruner,
        Seed = Seed,
        Parallelism = Parallelism,
        Device = Device,
        Scenarios = ScenarioSpec.Defaults.Where(s => Scenarios.Contains(s.Name)).ToArray(),
        UseMetaLearning = UseMetaLearning,
        MaxEpochsPerTrial = MaxEpochs,
        Distill = Distill,
    };
}
