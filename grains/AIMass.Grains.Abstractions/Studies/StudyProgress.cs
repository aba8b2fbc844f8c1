namespace AIMass.Grains.Studies;

/// <summary>A compact progress view for clients polling a running study.</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-progress")]
public sealed record StudyProgress
{
    [Id(0)] public required StudyInfo Study { get; init; }
    [Id(1)] public TrialSummary[] RecentTrials { get; init; } = [];
}
