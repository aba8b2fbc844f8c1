namespace AIMass.Grains.Scheduling;

/// <summary>A queued trial as the scheduler knows it: who owns it and where it may run.</summary>
[GenerateSerializer, Immutable, Alias("aimass.job-ticket")]
public sealed record JobTicket
{
    [Id(0)] public required string TrialKey { get; init; }
    [Id(1)] public required string TenantId { get; init; }
    [Id(2)] public required string StudyKey { get; init; }

    /// <summary><c>any</c>, <c>cpu</c> or <c>gpu</c>.</summary>
    [Id(3)] public string Device { get; init; } = "any";
    [Id(4)] public int Attempt { get; init; }
    [Id(5)] public DateTimeOffset EnqueuedUtc { get; init; }
}
