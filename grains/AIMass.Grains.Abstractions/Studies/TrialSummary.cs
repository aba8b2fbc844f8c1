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

    /// <summary>How the trial's model was trained: <c>holdout</c>, <c>refit</c> (on every training row after
    /// cross-validation), <c>bagged</c> (the mean of its fold models) or <c>ensemble</c>; null before it finishes.</summary>
    [Id(22)] public string? TrainedAs { get; init; }

    /// <summary>Training rows the served model saw (all folds together for a bag or an ensemble).</summary>
    [Id(23)] public int? TrainRows { get; init; }

    /// <summary>Models combined: the folds of a bag, the members of an ensemble; 1 for one model.</summary>
    [Id(24)] public int? Members { get; init; }

    /// <summary>For an ensemble: its members' trial numbers and weights.</summary>
    [Id(25)] public Dictionary<int, double> MemberWeights { get; init; } = [];

    public double? DurationSeconds => StartedUtc is { } s && FinishedUtc is { } f ? (f - s).TotalSeconds : null;

    /// <summary>The model family (<c>family</c> parameter), if any.</summary>
    public string? Family => Params.GetValueOrDefault("family");
}
