namespace AIMass.Optimization;

/// <summary>How to create a <see cref="Study"/>.</summary>
public sealed class StudyOptions
{
    /// <summary>The study's name (default: <c>study-</c> plus a random id).</summary>
    public string? StudyName { get; init; }

    /// <summary>The direction of a single-objective study (default <see cref="StudyDirection.Minimize"/>).</summary>
    public StudyDirection? Direction { get; init; }

    /// <summary>One direction per objective, for multi-objective studies (instead of <see cref="Direction"/>).</summary>
    public IReadOnlyList<StudyDirection>? Directions { get; init; }

    /// <summary>The sampler (default: TPE seeded from <see cref="Seed"/>; NSGA-II for several objectives).</summary>
    public ISampler? Sampler { get; init; }

    /// <summary>The pruner (default <see cref="Pruners.NopPruner"/>).</summary>
    public IPruner? Pruner { get; init; }

    /// <summary>The storage (default a new <see cref="InMemoryStudyStorage"/>).</summary>
    public IStudyStorage? Storage { get; init; }

    /// <summary>Seed of the default sampler (default: a random one).</summary>
    public int? Seed { get; init; }

    /// <summary>Clock for trial timestamps and timeouts (default <see cref="TimeProvider.System"/>).</summary>
    public TimeProvider? TimeProvider { get; init; }
}
