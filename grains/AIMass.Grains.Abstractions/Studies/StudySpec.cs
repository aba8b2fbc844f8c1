namespace AIMass.Grains.Studies;

/// <summary>What a tenant asks for when creating a study.</summary>
[GenerateSerializer, Immutable, Alias("aimass.study-spec")]
public sealed record StudySpec
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string DatasetId { get; init; }

    /// <summary>The data set version; null means the latest at creation (then pinned).</summary>
    [Id(2)] public int? DatasetVersion { get; init; }
    [Id(3)] public required string Target { get; init; }

    /// <summary><c>classification</c> or <c>regression</c>; null detects it from the target column.</summary>
    [Id(4)] public string? Task { get; init; }
    [Id(5)] public StudyBudget Budget { get; init; } = new();

    /// <summary>Sampler name (tpe, random, qmc, cmaes, gp, ...).</summary>
    [Id(6)] public string Sampler { get; init; } = "tpe";

    /// <summary>Pruner name (median, successive-halving, hyperband, none, ...).</summary>
    [Id(7)] public string Pruner { get; init; } = "median";
    [Id(8)] public int Seed { get; init; } = 42;

    /// <summary>Trials of this study queued or running at once.</summary>
    [Id(9)] public int Parallelism { get; init; } = 2;

    /// <summary><c>any</c>, <c>cpu</c> or <c>gpu</c>: where the trials may run.</summary>
    [Id(10)] public string Device { get; init; } = "any";

    /// <summary>A search space to use instead of the one proposed for the data.</summary>
    [Id(11)] public SearchSpace? SearchSpace { get; init; }

    /// <summary>Scenarios to keep leaderboards for; empty means the defaults (accurate, balanced, edge).</summary>
    [Id(12)] public ScenarioSpec[] Scenarios { get; init; } = [];

    /// <summary>Warm-start from configurations that won on similar data sets.</summary>
    [Id(13)] public bool UseMetaLearning { get; init; } = true;

    /// <summary>Upper bound on epochs per trial (the search space may ask for fewer).</summary>
    [Id(14)] public int? MaxEpochsPerTrial { get; init; }

    /// <summary>Run the distillation stage after the search for constrained scenarios.</summary>
    [Id(15)] public bool Distill { get; init; } = true;

    /// <summary>Distilled students tried per scenario that needs them (plus one control: the best student trained alone).</summary>
    [Id(16)] public int DistillTrialsPerScenario { get; init; } = 4;
}
