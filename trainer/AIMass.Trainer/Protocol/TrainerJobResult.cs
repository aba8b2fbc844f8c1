namespace AIMass.Trainer.Protocol;

/// <summary>What a finished job reports besides its artifact file.</summary>
public sealed record TrainerJobResult
{
    public double ValidationScore { get; init; }
    public string MetricName { get; init; } = "";
    public Dictionary<string, double> ValidationMetrics { get; init; } = [];
    public Dictionary<string, double> TestMetrics { get; init; } = [];
    public long ParameterCount { get; init; }
    public double LatencyMs { get; init; }
    public int EpochsRun { get; init; }

    /// <summary>True when an epoch verdict stopped the training before its end.</summary>
    public bool StoppedByVerdict { get; init; }

    public string TrainedAs { get; init; } = "";
    public int TrainRows { get; init; }
    public int Members { get; init; } = 1;

    /// <summary>An ensemble's weights by candidate source name.</summary>
    public Dictionary<string, double> MemberWeights { get; init; } = [];
}
