using AIMass.Grains.Datasets;
using AIMass.Grains.Studies;

namespace AIMass.Grains.Trials;

/// <summary>Everything a worker needs to run one trial, handed out with a lease.</summary>
[GenerateSerializer, Immutable, Alias("aimass.trial-job")]
public sealed record TrialJob
{
    [Id(0)] public required string TrialKey { get; init; }
    [Id(1)] public required string TenantId { get; init; }
    [Id(2)] public required string StudyId { get; init; }
    [Id(3)] public int Number { get; init; }
    [Id(4)] public TrialKind Kind { get; init; }
    [Id(5)] public required string DatasetArtifactPath { get; init; }
    [Id(6)] public required string Target { get; init; }
    [Id(7)] public required string Task { get; init; }
    [Id(8)] public Dictionary<string, string> Params { get; init; } = [];
    [Id(9)] public int Seed { get; init; }
    [Id(10)] public int SplitSeed { get; init; }
    [Id(11)] public ImageShape? Image { get; init; }
    [Id(12)] public int? MaxEpochs { get; init; }

    /// <summary><c>any</c>, <c>cpu</c> or <c>gpu</c>.</summary>
    [Id(13)] public string Device { get; init; } = "any";

    /// <summary>For a distillation trial: the teacher model's artifact.</summary>
    [Id(14)] public string? TeacherArtifactPath { get; init; }
    [Id(15)] public int? TeacherTrial { get; init; }

    /// <summary>Where the trained model's artifact is to be stored (the job a trial hands a lease holder names that attempt's own file).</summary>
    [Id(16)] public required string ArtifactPath { get; init; }

    /// <summary>Folds of cross-validation; 0 for a holdout split.</summary>
    [Id(17)] public int Folds { get; init; }

    /// <summary>Repetitions of the cross-validation (with <see cref="Folds"/>).</summary>
    [Id(20)] public int Repeats { get; init; } = 1;

    /// <summary>Share of rows held out as the study's internal test rows.</summary>
    [Id(18)] public double TestFraction { get; init; } = 0.2;

    /// <summary>For an ensemble trial: the candidate trials' numbers and artifacts.</summary>
    [Id(19)] public Dictionary<int, string> CandidateArtifacts { get; init; } = [];
}
