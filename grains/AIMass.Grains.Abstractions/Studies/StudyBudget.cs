namespace AIMass.Grains.Studies;

/// <summary>When a study stops asking for new trials. Any limit reached ends the search.</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-budget")]
public sealed record StudyBudget
{
    [Id(0)] public int? MaxTrials { get; init; } = 20;

    /// <summary>Wall-clock seconds of running (paused time does not count).</summary>
    [Id(1)] public double? MaxSeconds { get; init; }

    /// <summary>Training compute-seconds summed over trials.</summary>
    [Id(2)] public double? MaxComputeSeconds { get; init; }

    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        if (MaxTrials is < 1 or > 100_000) errors.Add(new(null, "budget.maxTrials", "must be between 1 and 100000"));
        if (MaxSeconds is { } s && !(s > 0 && double.IsFinite(s))) errors.Add(new(null, "budget.maxSeconds", "must be a positive number"));
        if (MaxComputeSeconds is { } c && !(c > 0 && double.IsFinite(c))) errors.Add(new(null, "budget.maxComputeSeconds", "must be a positive number"));
        if (MaxTrials is null && MaxSeconds is null && MaxComputeSeconds is null) errors.Add(new(null, "budget", "needs at least one limit (trials, seconds or compute-seconds)"));
        return errors;
    }
}
