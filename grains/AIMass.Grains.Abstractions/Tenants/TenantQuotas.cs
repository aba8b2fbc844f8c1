namespace AIMass.Grains.Tenants;

/// <summary>Limits of one tenant. The scheduler and the grains refuse what would go beyond them.</summary>
[GenerateSerializer, Immutable, Alias("aimass.tenant-quotas")]
public sealed record TenantQuotas
{
    /// <summary>Trials of this tenant running at once, across all its studies.</summary>
    [Id(0)] public int MaxConcurrentTrials { get; init; } = 4;

    /// <summary>Studies that may be running or paused at once.</summary>
    [Id(1)] public int MaxActiveStudies { get; init; } = 10;

    /// <summary>Bytes of stored data sets and models.</summary>
    [Id(2)] public long MaxStoredBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Training compute-seconds per UTC day.</summary>
    [Id(3)] public double MaxComputeSecondsPerDay { get; init; } = 24 * 3600;

    /// <summary>Parameters of one trial's model, estimated before it is queued.</summary>
    [Id(4)] public long MaxTrialParameters { get; init; } = 50_000_000;

    /// <summary>Peak training memory of one trial, estimated before it is queued, in MiB.</summary>
    [Id(5)] public int MaxTrialMemoryMiB { get; init; } = 3072;

    /// <summary>Data sets the tenant may hold.</summary>
    [Id(6)] public int MaxDatasets { get; init; } = 1000;

    /// <summary>Studies the tenant may have created (finished ones included).</summary>
    [Id(7)] public int MaxStudies { get; init; } = 10_000;

    public static TenantQuotas Default { get; } = new();

    /// <summary>Errors naming each invalid field (empty when valid).</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (MaxConcurrentTrials < 1) errors.Add(new(null, nameof(MaxConcurrentTrials), "must be at least 1"));
        if (MaxActiveStudies < 1) errors.Add(new(null, nameof(MaxActiveStudies), "must be at least 1"));
        if (MaxStoredBytes < 0) errors.Add(new(null, nameof(MaxStoredBytes), "must not be negative"));
        if (!(MaxComputeSecondsPerDay > 0)) errors.Add(new(null, nameof(MaxComputeSecondsPerDay), "must be positive"));
        if (MaxTrialParameters is < 1 or > 10_000_000_000) errors.Add(new(null, nameof(MaxTrialParameters), "must be between 1 and 10,000,000,000"));
        if (MaxDatasets is < 1 or > 100_000) errors.Add(new(null, nameof(MaxDatasets), "must be between 1 and 100,000"));
        if (MaxStudies is < 1 or > 1_000_000) errors.Add(new(null, nameof(MaxStudies), "must be between 1 and 1,000,000"));
        if (MaxTrialMemoryMiB is < 64 or > 1_048_576) errors.Add(new(null, nameof(MaxTrialMemoryMiB), "must be between 64 and 1,048,576"));
        return errors;
    }
}
