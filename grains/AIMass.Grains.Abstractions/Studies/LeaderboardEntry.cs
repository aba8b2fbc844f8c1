namespace AIMass.Grains.Studies;

/// <summary>One model on a scenario's leaderboard: selected by validation score, reported on the test split.</summary>
[GenerateSerializer, Immutable, Alias("aimass.leaderboard-entry")]
public sealed record LeaderboardEntry
{
    [Id(0)] public int Rank { get; init; }
    [Id(1)] public int TrialNumber { get; init; }
    [Id(2)] public double ValidationScore { get; init; }
    [Id(3)] public double? TestScore { get; init; }
    [Id(4)] public Dictionary<string, double> TestMetrics { get; init; } = [];
    [Id(5)] public long ParameterCount { get; init; }
    [Id(6)] public double LatencyMs { get; init; }
    [Id(7)] public long ArtifactBytes { get; init; }
    [Id(8)] public string? Family { get; init; }
    [Id(9)] public int? TeacherTrial { get; init; }
    [Id(10)] public TrialKind Kind { get; init; }

    /// <summary>How the model was trained (<c>holdout</c>, <c>refit</c>, <c>bagged</c>, <c>ensemble</c>).</summary>
    [Id(11)] public string? TrainedAs { get; init; }

    /// <summary>Training rows the model saw.</summary>
    [Id(12)] public int? TrainRows { get; init; }

    /// <summary>Models combined (folds of a bag, members of an ensemble).</summary>
    [Id(13)] public int? Members { get; init; }

    /// <summary>The finer validation metric that breaks ties (log loss for classification, RMSE for regression; lower is better).</summary>
    [Id(14)] public double? TieBreak { get; init; }

    /// <summary>How it was trained, in words: "bagged 5 folds", "ensemble of 6", "refit on 1,150 rows", "holdout".</summary>
    public string Training => TrainedAs switch
    {
        "bagged" => $"bagged {Members} folds",
        "ensemble" => $"ensemble of {Members}",
        "refit" => $"refit on {TrainRows:N0} rows",
        null => "holdout",
        var other => other,
    };
}
