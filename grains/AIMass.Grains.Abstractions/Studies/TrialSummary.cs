namespace AIMass.Grains.Studies;

/// <summary>One trial as the study sees it (state, parameters, result and measurements).</summary>
[GenerateSerializer, Immutable, Alias("aimass.trial-summary")]
public sealed record TrialSummary
{
    [Id(0)] public int Number { get; init; }
    [Id(1)] public TrialStatus Status { get; init; }
    [Id(2)] public TrialKind Kind { get; init; }
    [Id(3)] public Dictionary<string, string> Params { get; init; } = [];

    /// <summary>The selection metric on the validation split (what the search optimises).</summary>
    [Id(4)] public double? Value { get; init; }

    /// <summary>Per-epoch validation values (index = epoch - 1).</summary>
    [Id(5)] public double[] IntermediateValues { get; init; } = [];
    [Id(6)] public Dictionary<string, double> TestMetrics { get; init; } = [];
    [Id(7)] public DateTimeOffset? StartedUtc { get; init; }
    [Id(8)] public DateTimeOffset? FinishedUtc { get; init; }
    [Id(9)] public string? Worker { get; init; }
    [Id(10)] public string? Silo { get; init; }
    [Id(11)] public int Attempts { get; init; }
    [Id(12)] public long? ParameterCount { get; init; }
    [Id(13)] public double? LatencyMs { get; init; }
    [Id(14)] public long? ArtifactBytes { get; init; }
    [Id(15)] public string? ArtifactPath { get; init; }
    [Id(16)] public string? Reason { get; init; }

    /// <summary>For a distilled student: the trial number of its teacher.</summary>
    [Id(17)] public int? TeacherTrial { get; init; }
    [Id(18)] public double ComputeSeconds { get; init; }
    [Id(19)] public Dictionary<string, double> ValidationMetrics { get; init; } = [];

    /// <summary>When the trial first entered the queue.</summary>
    [Id(20)] public DateTimeOffset? QueuedUtc { get; init; }

    /// <summary>For distillation and control trials: the scenario they were trained for.</summary>
    [Id(21)] public string? Scenario { get; init; }

    public double? DurationSeconds => StartedUtc is { } s && FinishedUtc is { } f ? (f - s).TotalSeconds : null;

    /// <summary>The model family (<c>family</c> parameter), if any.</summary>
    public string? Family => Params.GetValueOrDefault("family");
}
