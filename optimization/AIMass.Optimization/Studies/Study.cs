using System.Collections.Concurrent;
using AIMass.Optimization.Pruners;
using AIMass.Optimization.Samplers.Nsga2;
using AIMass.Optimization.Samplers.Tpe;

namespace AIMass.Optimization;

/// <summary>
/// An optimisation study (Optuna's API shape): ask for trials, tell their results, or let
/// <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, int, CancellationToken)"/> run an objective. All public
/// members are thread-safe; trial numbers are handed out once each even under concurrent asks.
/// </summary>
public sealed partial class Study
{
    internal const string RelativeParamsKey = "relative_params";
    internal const string FixedParamsKey = "fixed_params";
    internal const string FailReasonKey = "fail_reason";

    private readonly ConcurrentDictionary<int, byte> _telling = new();
    private readonly Lock _bestGate = new();
    private volatile bool _stopRequested;

    private Study(IStudyStorage storage, ISampler sampler, IPruner pruner, TimeProvider timeProvider)
    {
        Storage = storage;
        Sampler = sampler;
        Pruner = pruner;
        TimeProvider = timeProvider;
        Directions = storage.Directions.ToArray();
        foreach (var trial in storage.GetTrials(TrialState.Complete)) UpdateBest(trial);
    }

    /// <summary>Creates a study; throws <see cref="ArgumentException"/> for contradictory options.</summary>
    public static Study Create(StudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var directions = ResolveDirections(options);
        var storage = options.Storage;
        if (storage is null)
        {
            storage = new InMemoryStudyStorage(options.StudyName ?? $"study-{Guid.NewGuid():N}", directions);
        }
        else
        {
            if (options.StudyName is not null && options.StudyName != storage.StudyName)
            {
                throw new ArgumentException($"The storage holds study '{storage.StudyName}', not '{options.StudyName}'.", nameof(options));
            }
            if ((options.Direction is not null || options.Directions is not null) && !storage.Directions.SequenceEqual(directions))
            {
                throw new ArgumentException("The storage's directions differ from the options' directions.", nameof(options));
            }
        }
        var seed = options.Seed ?? Random.Shared.Next();
        var sampler = options.Sampler ?? (storage.Directions.Count > 1
            ? new NsgaIISampler(new NsgaIISamplerOptions { Seed = seed })
            : new TpeSampler(new TpeSamplerOptions { Seed = seed, Group = true }));
        return new Study(storage, sampler, options.Pruner ?? new NopPruner(), options.TimeProvider ?? TimeProvider.System);
    }

    /// <summary>Restores a study from a snapshot (into a new in-memory storage) with the given sampler and pruner.</summary>
    public static Study FromSnapshot(StudySnapshot snapshot, ISampler sampler, IPruner pruner, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(pruner);
        return new Study(InMemoryStudyStorage.FromSnapshot(snapshot), sampler, pruner, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Opens a study over an existing storage (for storages other than the in-memory one).</summary>
    public static Study Load(IStudyStorage storage, ISampler sampler, IPruner pruner, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(pruner);
        return new Study(storage, sampler, pruner, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The study's name.</summary>
    public string StudyName => Storage.StudyName;

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>The direction of a single-objective study; throws <see cref="InvalidOperationException"/> for several objectives.</summary>
    public StudyDirection Direction => Directions.Count == 1
        ? Directions[0]
        : throw new InvalidOperationException("This study has several objectives; use Directions.");

    /// <summary>Whether the study has more than one objective.</summary>
    public bool IsMultiObjective => Directions.Count > 1;

    /// <summary>The sampler.</summary>
    public ISampler Sampler { get; }

    /// <summary>The pruner.</summary>
    public IPruner Pruner { get; }

    /// <summary>The storage that holds the study's state.</summary>
    public IStudyStorage Storage { get; }

    /// <summary>The clock used for timestamps and timeouts.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Every trial, by number (a cached immutable view while nothing changes).</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetTrials();

    /// <summary>Trials in the given states, by number; single finished states come from cached lists without copying.</summary>
    public IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states) => Storage.GetTrials(states);

    /// <summary>Complete trials, by number (cached, no copy).</summary>
    public IReadOnlyList<FrozenTrial> CompleteTrials => Storage.GetTrials(TrialState.Complete);

    /// <summary>Study-level user attributes.</summary>
    public IReadOnlyDictionary<string, object?> UserAttributes => Storage.UserAttributes;

    /// <summary>Study-level system attributes (samplers' and pruners' study-wide bookkeeping).</summary>
    public IReadOnlyDictionary<string, object?> SystemAttributes => Storage.SystemAttributes;

    /// <summary>Sets a study-level user attribute.</summary>
    public void SetUserAttribute(string key, object? value) => Storage.SetStudyUserAttribute(key, value);

    /// <summary>Sets a study-level system attribute (for samplers and pruners).</summary>
    public void SetSystemAttribute(string key, object? value) => Storage.SetStudySystemAttribute(key, value);

    /// <summary>Sets a system attribute of a running trial (for samplers and pruners).</summary>
    public void SetTrialSystemAttribute(int trialNumber, string key, object? value) => Storage.SetTrialSystemAttribute(trialNumber, key, value);

    /// <summary>Asks <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, int, CancellationToken)"/> to start no further trials.</summary>
    public void Stop() => _stopRequested = true;

    /// <summary>The whole study state, for persistence (see <see cref="StudySnapshot.ToJson"/>).</summary>
    public StudySnapshot ToSnapshot() => Storage.ToSnapshot();

    /// <summary>The study's state with only the selected trials (by number), for stores that keep trials in pages.</summary>
    public StudySnapshot ToSnapshot(Func<int, bool> includeTrial) => Storage.ToSnapshot(includeTrial);

    /// <summary>The study's state with only the trials numbered from <paramref name="firstTrial"/>, <paramref name="count"/> of them (one page of a paged store).</summary>
    public StudySnapshot ToSnapshot(int firstTrial, int count) => Storage.ToSnapshot(firstTrial, count);

    private static StudyDirection[] ResolveDirections(StudyOptions options)
    {
        if (options.Directions is { } many)
        {
            if (many.Count == 0) throw new ArgumentException("Directions must not be empty.", nameof(options));
            foreach (var d in many)
            {
                if (!Enum.IsDefined(d)) throw new ArgumentException($"Unknown direction {(int)d}.", nameof(options));
            }
            if (options.Direction is { } one && (many.Count != 1 || many[0] != one))
            {
                throw new ArgumentException("Give either Direction or Directions, not both with different values.", nameof(options));
            }
            return [.. many];
        }
        var single = options.Direction ?? StudyDirection.Minimize;
        if (!Enum.IsDefined(single)) throw new ArgumentException($"Unknown direction {(int)single}.", nameof(options));
        return [single];
    }
}
