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

    /// <summary>
    /// How trials are validated: <c>auto</c> (k-fold cross-validation up to <see cref="CrossValidationMaxRows"/> rows,
    /// a holdout split above), <c>cv</c> or <c>holdout</c>.
    /// </summary>
    [Id(17)] public string Validation { get; init; } = "auto";

    /// <summary>Folds of cross-validation (2-10).</summary>
    [Id(18)] public int Folds { get; init; } = 5;

    /// <summary>Build a weighted ensemble of the best trials after the search (cross-validated studies).</summary>
    [Id(19)] public bool Ensemble { get; init; } = true;

    /// <summary>
    /// Repetitions of the cross-validation with other folds (1-5); 0 (default) repeats it
    /// <see cref="RepeatsForTinyData"/> times on data sets of at most <see cref="TinyRows"/> rows (where one fold is a
    /// few dozen rows and a single 5-fold split is noisy, and trials take a second) and once otherwise.
    /// </summary>
    [Id(20)] public int Repeats { get; init; }

    public const int TinyRows = 1_000, RepeatsForTinyData = 3;

    /// <summary>Data sets with at most this many rows are cross-validated under <c>auto</c>.</summary>
    public const int CrossValidationMaxRows = 10_000;

    /// <summary>The repetitions of cross-validation on a data set of <paramref name="rows"/> rows.</summary>
    public int RepeatsFor(int rows) => Repeats > 0 ? Repeats : rows <= TinyRows ? RepeatsForTinyData : 1;

    /// <summary>The folds this study's trials use on a data set of <paramref name="rows"/> rows: 0 for a holdout split.</summary>
    public int FoldsFor(int rows) => Validation switch
    {
        "cv" => Folds,
        "holdout" => 0,
        _ => rows <= CrossValidationMaxRows ? Folds : 0,
    };
}
