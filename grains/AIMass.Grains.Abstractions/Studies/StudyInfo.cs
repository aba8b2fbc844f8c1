namespace AIMass.Grains.Studies;

/// <summary>A study's state and summary figures.</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-info")]
public sealed record StudyInfo
{
    [Id(0)] public required string TenantId { get; init; }
    [Id(1)] public required string StudyId { get; init; }
    [Id(2)] public required StudySpec Spec { get; init; }
    [Id(3)] public StudyStatus Status { get; init; }
    [Id(4)] public string? StatusReason { get; init; }
    [Id(5)] public DateTimeOffset CreatedUtc { get; init; }
    [Id(6)] public DateTimeOffset? FinishedUtc { get; init; }

    /// <summary><c>classification</c> or <c>regression</c>, as resolved.</summary>
    [Id(7)] public required string Task { get; init; }
    [Id(8)] public required string Metric { get; init; }
    [Id(9)] public int DatasetVersion { get; init; }
    [Id(10)] public int TrialsQueued { get; init; }
    [Id(11)] public int TrialsRunning { get; init; }
    [Id(12)] public int TrialsComplete { get; init; }
    [Id(13)] public int TrialsPruned { get; init; }
    [Id(14)] public int TrialsFailed { get; init; }
    [Id(15)] public double? BestValue { get; init; }
    [Id(16)] public int? BestTrial { get; init; }
    [Id(17)] public double ElapsedSeconds { get; init; }
    [Id(18)] public double ComputeSeconds { get; init; }
    [Id(19)] public SearchSpace? SearchSpace { get; init; }
    [Id(20)] public int WarmStartTrials { get; init; }

    /// <summary>What the study is doing now, in words (e.g. waiting for a gpu worker).</summary>
    [Id(21)] public string? Activity { get; init; }
    [Id(22)] public string Phase { get; init; } = "search";

    public int TrialsFinished => TrialsComplete + TrialsPruned + TrialsFailed;

    public bool IsFinished => Status is StudyStatus.Completed or StudyStatus.Cancelled or StudyStatus.Failed;
}
