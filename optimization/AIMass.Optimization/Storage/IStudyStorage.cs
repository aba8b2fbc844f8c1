namespace AIMass.Optimization;

/// <summary>
/// Where one study's state lives: trials (parameters in internal form, values, intermediate values, attributes,
/// timestamps) and study attributes. Every member must be thread-safe; trial numbers are handed out once each.
/// <see cref="InMemoryStudyStorage"/> is the implementation here; the study grain persists its
/// <see cref="ToSnapshot"/>.
/// </summary>
public interface IStudyStorage
{
    /// <summary>The study's name.</summary>
    string StudyName { get; }

    /// <summary>One direction per objective.</summary>
    IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>How many trials exist (in any state).</summary>
    int TrialCount { get; }

    /// <summary>A counter that grows with every change, for callers that cache derived views.</summary>
    long Version { get; }

    /// <summary>Study-level user attributes (an immutable view).</summary>
    IReadOnlyDictionary<string, object?> UserAttributes { get; }

    /// <summary>Study-level system attributes (an immutable view).</summary>
    IReadOnlyDictionary<string, object?> SystemAttributes { get; }

    /// <summary>Sets a study-level user attribute (value normalised to a JSON-safe form).</summary>
    void SetStudyUserAttribute(string key, object? value);

    /// <summary>Sets a study-level system attribute (value normalised to a JSON-safe form).</summary>
    void SetStudySystemAttribute(string key, object? value);

    /// <summary>Creates a <see cref="TrialState.Running"/> or <see cref="TrialState.Waiting"/> trial and returns its number.</summary>
    int CreateTrial(TrialState state, DateTimeOffset? datetimeStart,
        IReadOnlyDictionary<string, object?>? userAttributes = null,
        IReadOnlyDictionary<string, object?>? systemAttributes = null);

    /// <summary>Adds a finished trial (its number is reassigned) and returns its number.</summary>
    int AddTrial(FrozenTrial trial);

    /// <summary>Moves the oldest waiting trial to running and returns its number, or null when none waits.</summary>
    int? ClaimWaitingTrial(DateTimeOffset datetimeStart);

    /// <summary>A frozen view of trial <paramref name="number"/>; throws <see cref="ArgumentOutOfRangeException"/> for an unknown number.</summary>
    FrozenTrial GetTrial(int number);

    /// <summary>The state of trial <paramref name="number"/>.</summary>
    TrialState GetTrialState(int number);

    /// <summary>
    /// Trials in the given states (all trials when none is given), ordered by number. Single finished states
    /// (<see cref="TrialState.Complete"/>, <see cref="TrialState.Pruned"/>, <see cref="TrialState.Fail"/>) are
    /// served from cached immutable lists without copying.
    /// </summary>
    IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states);

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="distribution"/> may not be used for <paramref name="name"/> in this study.</summary>
    void CheckDistribution(string name, Distribution distribution);

    /// <summary>Sets a parameter of a running trial (checked against the study's earlier distributions for that name).</summary>
    void SetTrialParam(int number, string name, double internalValue, Distribution distribution);

    /// <summary>Records an intermediate value of a running trial; a step already reported keeps its first value.</summary>
    void SetTrialIntermediateValue(int number, int step, double value);

    /// <summary>Sets a user attribute of a trial.</summary>
    void SetTrialUserAttribute(int number, string key, object? value);

    /// <summary>Sets a system attribute of a trial.</summary>
    void SetTrialSystemAttribute(int number, string key, object? value);

    /// <summary>Finishes a running trial; throws <see cref="ArgumentException"/> when it is not running.</summary>
    FrozenTrial FinishTrial(int number, TrialState state, IReadOnlyList<double>? values, DateTimeOffset datetimeComplete);

    /// <summary>The whole state, for persistence.</summary>
    StudySnapshot ToSnapshot();

    /// <summary>
    /// The study's state with only the trials <paramref name="includeTrial"/> selects (by number): what a store that
    /// keeps trials apart from the study's own attributes writes when a few trials changed.
    /// </summary>
    StudySnapshot ToSnapshot(Func<int, bool> includeTrial);

    /// <summary>
    /// The study's state with only the trials numbered from <paramref name="firstTrial"/>, <paramref name="count"/> of
    /// them (fewer where the study has fewer): what a store that keeps trials in pages by number writes for one page.
    /// </summary>
    StudySnapshot ToSnapshot(int firstTrial, int count) => ToSnapshot(n => n >= firstTrial && n - firstTrial < count);
}
