using System.Collections.ObjectModel;
using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

/// <summary>
/// Thread-safe in-memory <see cref="IStudyStorage"/>. Writers take one lock; finished trials are frozen once and
/// served to readers from immutable per-state lists, so sampling never copies the history.
/// </summary>
public sealed partial class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly List<TrialRecord> _trials = [];
    private readonly Dictionary<string, Distribution> _paramDistributions = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _waiting = [];
    private readonly StudyDirection[] _directions;
    private IReadOnlyDictionary<string, object?> _userAttributes = Empty();
    private IReadOnlyDictionary<string, object?> _systemAttributes = Empty();
    private volatile TrialList _complete = TrialList.Empty;
    private volatile TrialList _pruned = TrialList.Empty;
    private volatile TrialList _fail = TrialList.Empty;
    private (long Version, IReadOnlyList<FrozenTrial> Trials)? _allCache;
    private FrozenTrial[] _settled = [];
    private int _settledCount;
    private long _version;

    /// <summary>Creates an empty storage for one study.</summary>
    public InMemoryStudyStorage(string studyName, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(studyName);
        ArgumentNullException.ThrowIfNull(directions);
        if (directions.Count == 0) throw new ArgumentException("A study needs at least one direction.", nameof(directions));
        foreach (var d in directions)
        {
            if (!Enum.IsDefined(d)) throw new ArgumentException($"Unknown study direction {(int)d}.", nameof(directions));
        }
        StudyName = studyName;
        _directions = [.. directions];
    }

    /// <inheritdoc />
    public string StudyName { get; }

    /// <inheritdoc />
    public IReadOnlyList<StudyDirection> Directions => _directions;

    /// <inheritdoc />
    public int TrialCount
    {
        get { lock (_gate) return _trials.Count; }
    }

    /// <inheritdoc />
    public long Version => Interlocked.Read(ref _version);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> UserAttributes => Volatile.Read(ref _userAttributes);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> SystemAttributes => Volatile.Read(ref _systemAttributes);

    /// <inheritdoc />
    public void SetStudyUserAttribute(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValues.Normalize(value, $"study user attribute '{key}'");
        lock (_gate)
        {
            _userAttributes = CopyWith(_userAttributes, key, normalized);
            Touch();
        }
    }

    /// <inheritdoc />
    public void SetStudySystemAttribute(string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValues.Normalize(value, $"study system attribute '{key}'");
        lock (_gate)
        {
            _systemAttributes = CopyWith(_systemAttributes, key, normalized);
            Touch();
        }
    }

    /// <inheritdoc />
    public int CreateTrial(TrialState state, DateTimeOffset? datetimeStart,
        IReadOnlyDictionary<string, object?>? userAttributes = null,
        IReadOnlyDictionary<string, object?>? systemAttributes = null)
    {
        if (state is not (TrialState.Running or TrialState.Waiting))
        {
            throw new ArgumentException($"New trials are running or waiting, not {state}.", nameof(state));
        }
        var record = new TrialRecord { State = state, Start = state == TrialState.Running ? datetimeStart : null };
        CopyAttributes(userAttributes, record.User, "trial user attribute");
        CopyAttributes(systemAttributes, record.System, "trial system attribute");
        lock (_gate)
        {
            record.Number = _trials.Count;
            _trials.Add(record);
            if (state == TrialState.Waiting) _waiting.Add(record.Number);
            Touch();
            return record.Number;
        }
    }

    /// <inheritdoc />
    public int AddTrial(FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!trial.IsFinished) throw new ArgumentException($"Only finished trials can be added (got {trial.State}).", nameof(trial));
        ValidateValues(trial.State, trial.Values);
        var record = new TrialRecord
        {
            State = trial.State,
            Values = trial.Values?.ToArray(),
            Start = trial.DatetimeStart,
            Complete = trial.DatetimeComplete,
        };
        foreach (var (k, v) in trial.InternalParams) record.Params[k] = v;
        foreach (var (k, v) in trial.Distributions) record.Distributions[k] = v;
        foreach (var (k, v) in trial.IntermediateValues) record.Intermediate[k] = v;
        CopyAttributes(trial.UserAttributes, record.User, "trial user attribute");
        CopyAttributes(trial.SystemAttributes, record.System, "trial system attribute");
        lock (_gate)
        {
            foreach (var (name, d) in record.Distributions) CheckDistributionLocked(name, d);
            foreach (var (name, d) in record.Distributions) _paramDistributions.TryAdd(name, d);
            record.Number = _trials.Count;
            _trials.Add(record);
            Publish(record);
            Touch();
            return record.Number;
        }
    }

    /// <inheritdoc />
    public int? ClaimWaitingTrial(DateTimeOffset datetimeStart)
    {
        lock (_gate)
        {
            if (_waiting.Count == 0) return null;
            var number = _waiting.Min;
            _waiting.Remove(number);
            var record = _trials[number];
            record.State = TrialState.Running;
            record.Start = datetimeStart;
            record.Frozen = null;
            Touch();
            return number;
        }
    }

    /// <inheritdoc />
    public FrozenTrial GetTrial(int number)
    {
        lock (_gate)
        {
            var record = Record(number);
            return record.Frozen ??= record.Freeze();
        }
    }

    /// <inheritdoc />
    public TrialState GetTrialState(int number)
    {
        lock (_gate) return Record(number).State;
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states)
    {
        states ??= [];
        if (states.Length == 1)
        {
            switch (states[0])
            {
                case TrialState.Complete: return _complete;
                case TrialState.Pruned: return _pruned;
                case TrialState.Fail: return _fail;
            }
        }
        lock (_gate)
        {
            if (states.Length == 0 && _allCache is { } cache && cache.Version == _version) return cache.Trials;
            Settle();
            if (states.Length == 0)
            {
                var tail = new FrozenTrial[_trials.Count - _settledCount];
                for (var i = 0; i < tail.Length; i++)
                {
                    var record = _trials[_settledCount + i];
                    tail[i] = record.Frozen ??= record.Freeze();
                }
                var view = new SettledTrialView(_settled, _settledCount, tail);
                _allCache = (_version, view);
                return view;
            }
            // Settled trials are finished: running or waiting ones are found among the rest.
            var from = Array.Exists(states, s => s is TrialState.Complete or TrialState.Pruned or TrialState.Fail) ? 0 : _settledCount;
            var result = new List<FrozenTrial>();
            for (var i = from; i < _trials.Count; i++)
            {
                var record = _trials[i];
                if (Array.IndexOf(states, record.State) >= 0) result.Add(record.Frozen ??= record.Freeze());
            }
            return result.AsReadOnly();
        }
    }

    /// <summary>Moves the leading finished trials into the shared settled array (they never change again).</summary>
    private void Settle()
    {
        while (_settledCount < _trials.Count && _trials[_settledCount].IsFinished)
        {
            if (_settledCount == _settled.Length) Array.Resize(ref _settled, Math.Max(16, 2 * _settled.Length));
            var record = _trials[_settledCount];
            _settled[_settledCount++] = record.Frozen ??= record.Freeze();
        }
    }

    /// <inheritdoc />
    public void CheckDistribution(string name, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        lock (_gate) CheckDistributionLocked(name, distribution);
    }

    /// <inheritdoc />
    public void SetTrialParam(int number, string name, double internalValue, Distribution distribution)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(distribution);
        if (!distribution.Contains(internalValue))
        {
            throw new ArgumentException($"Parameter '{name}': internal value {internalValue} is outside {distribution}.", nameof(internalValue));
        }
        lock (_gate)
        {
            var record = Running(number);
            if (record.Distributions.TryGetValue(name, out var existing))
            {
                throw new ArgumentException($"Parameter '{name}' is already set in trial {number} (with {existing}).", nameof(name));
            }
            CheckDistributionLocked(name, distribution);
            _paramDistributions.TryAdd(name, distribution);
            record.Params[name] = internalValue;
            record.Distributions[name] = distribution;
            record.Frozen = null;
            Touch();
        }
    }

    /// <inheritdoc />
    public void SetTrialIntermediateValue(int number, int step, double value)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "Steps must not be negative.");
        lock (_gate)
        {
            var record = Running(number);
            if (record.Intermediate.TryAdd(step, value))
            {
                record.Frozen = null;
                Touch();
            }
        }
    }

    /// <inheritdoc />
    public void SetTrialUserAttribute(int number, string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValues.Normalize(value, $"user attribute '{key}'");
        lock (_gate)
        {
            var record = Record(number);
            if (record.IsFinished) throw new ArgumentException($"Trial {number} is already finished ({record.State}).", nameof(number));
            record.User[key] = normalized;
            record.Frozen = null;
            Touch();
        }
    }

    /// <inheritdoc />
    public void SetTrialSystemAttribute(int number, string key, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var normalized = AttributeValues.Normalize(value, $"system attribute '{key}'");
        lock (_gate)
        {
            var record = Record(number);
            if (record.IsFinished) throw new ArgumentException($"Trial {number} is already finished ({record.State}).", nameof(number));
            record.System[key] = normalized;
            record.Frozen = null;
            Touch();
        }
    }

    /// <inheritdoc />
    public FrozenTrial FinishTrial(int number, TrialState state, IReadOnlyList<double>? values, DateTimeOffset datetimeComplete)
    {
        if (state is not (TrialState.Complete or TrialState.Pruned or TrialState.Fail))
        {
            throw new ArgumentException($"A trial finishes as complete, pruned or failed, not {state}.", nameof(state));
        }
        ValidateValues(state, values);
        if (state == TrialState.Complete && values!.Count != _directions.Length)
        {
            throw new ArgumentException($"Trial {number} has {values.Count} values; the study has {_directions.Length} objectives.", nameof(values));
        }
        lock (_gate)
        {
            var record = Running(number);
            record.State = state;
            record.Values = values?.ToArray();
            record.Complete = datetimeComplete;
            record.Frozen = null;
            Publish(record);
            Touch();
            return record.Frozen!;
        }
    }

    private static void ValidateValues(TrialState state, IReadOnlyList<double>? values)
    {
        if (state == TrialState.Complete)
        {
            if (values is null || values.Count == 0) throw new ArgumentException("A complete trial needs values.", nameof(values));
            foreach (var v in values)
            {
                if (double.IsNaN(v)) throw new ArgumentException("A complete trial's values must not be NaN.", nameof(values));
            }
        }
        else if (state == TrialState.Fail && values is not null)
        {
            throw new ArgumentException("A failed trial has no values.", nameof(values));
        }
    }

    private void Publish(TrialRecord record)
    {
        var frozen = record.Frozen ??= record.Freeze();
        switch (record.State)
        {
            case TrialState.Complete: _complete = _complete.With(frozen); break;
            case TrialState.Pruned: _pruned = _pruned.With(frozen); break;
            case TrialState.Fail: _fail = _fail.With(frozen); break;
        }
    }

    private void CheckDistributionLocked(string name, Distribution distribution)
    {
        if (_paramDistributions.TryGetValue(name, out var known) && !known.IsCompatibleWith(distribution))
        {
            throw new ArgumentException(
                $"Parameter '{name}' was defined as {known} in an earlier trial; {distribution} is not compatible with it " +
                "(the kind, the log setting and categorical choices must stay the same).", nameof(distribution));
        }
    }

    private TrialRecord Record(int number)
    {
        if ((uint)number >= (uint)_trials.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"The study has no trial {number} (it has {_trials.Count}).");
        }
        return _trials[number];
    }

    private TrialRecord Running(int number)
    {
        var record = Record(number);
        if (record.State != TrialState.Running)
        {
            throw new ArgumentException($"Trial {number} is {record.State}, not running.", nameof(number));
        }
        return record;
    }

    private void Touch() => Interlocked.Increment(ref _version);

    private static IReadOnlyDictionary<string, object?> Empty() => new ReadOnlyDictionary<string, object?>(new Dictionary<string, object?>());

    private static IReadOnlyDictionary<string, object?> CopyWith(IReadOnlyDictionary<string, object?> source, string key, object? value)
    {
        var copy = new Dictionary<string, object?>(source, StringComparer.Ordinal) { [key] = value };
        return copy.AsReadOnly();
    }

    private static void CopyAttributes(IReadOnlyDictionary<string, object?>? source, Dictionary<string, object?> target, string what)
    {
        if (source is null) return;
        foreach (var (k, v) in source)
        {
            if (string.IsNullOrEmpty(k)) throw new ArgumentException($"A {what} key must not be empty.");
            target[k] = AttributeValues.Normalize(v, $"{what} '{k}'");
        }
    }
}
