using AIMass.Optimization.Serialization;

namespace AIMass.Optimization;

public sealed partial class InMemoryStudyStorage
{
    /// <inheritdoc />
    public StudySnapshot ToSnapshot() => ToSnapshot(_ => true);

    /// <inheritdoc />
    public StudySnapshot ToSnapshot(Func<int, bool> includeTrial)
    {
        ArgumentNullException.ThrowIfNull(includeTrial);
        lock (_gate)
        {
            var trials = new List<TrialSnapshot>();
            for (var i = 0; i < _trials.Count; i++)
            {
                if (includeTrial(i)) trials.Add(SnapshotOf(_trials[i]));
            }
            return SnapshotWith(trials);
        }
    }

    /// <inheritdoc />
    public StudySnapshot ToSnapshot(int firstTrial, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstTrial);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var end = (int)Math.Min((long)firstTrial + count, _trials.Count);
            var trials = new List<TrialSnapshot>(Math.Max(0, end - firstTrial));
            for (var i = firstTrial; i < end; i++) trials.Add(SnapshotOf(_trials[i]));
            return SnapshotWith(trials);
        }
    }

    /// <summary>A finished trial never changes again: its snapshot is made once and shared by later snapshots.</summary>
    private static TrialSnapshot SnapshotOf(TrialRecord r) => r.IsFinished ? r.Snapshot ??= r.ToSnapshot() : r.ToSnapshot();

    private StudySnapshot SnapshotWith(List<TrialSnapshot> trials) => new()
    {
        StudyName = StudyName,
        Directions = _directions.ToArray(),
        UserAttributes = new Dictionary<string, object?>(_userAttributes, StringComparer.Ordinal),
        SystemAttributes = new Dictionary<string, object?>(_systemAttributes, StringComparer.Ordinal),
        Trials = trials,
    };

    /// <summary>
    /// Rebuilds a storage from a snapshot; throws <see cref="ArgumentException"/> naming the first inconsistency
    /// (numbers not 0..n-1 in order, a parameter outside its distribution, values that do not fit the state).
    /// </summary>
    public static InMemoryStudyStorage FromSnapshot(StudySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var storage = new InMemoryStudyStorage(snapshot.StudyName ?? "", snapshot.Directions ?? []);
        var user = new Dictionary<string, object?>(StringComparer.Ordinal);
        var system = new Dictionary<string, object?>(StringComparer.Ordinal);
        CopyAttributes(snapshot.UserAttributes, user, "study user attribute");
        CopyAttributes(snapshot.SystemAttributes, system, "study system attribute");
        storage._userAttributes = user.AsReadOnly();
        storage._systemAttributes = system.AsReadOnly();
        var trials = snapshot.Trials ?? [];
        for (var i = 0; i < trials.Count; i++)
        {
            var t = trials[i] ?? throw new ArgumentException($"Snapshot trial at position {i} is null.", nameof(snapshot));
            if (t.Number != i) throw new ArgumentException($"Snapshot trial at position {i} has number {t.Number}; numbers must be 0..n-1 in order.", nameof(snapshot));
            if (!Enum.IsDefined(t.State)) throw new ArgumentException($"Snapshot trial {i} has an unknown state.", nameof(snapshot));
            try
            {
                ValidateValues(t.State, t.Values);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Snapshot trial {i}: {e.Message}", nameof(snapshot), e);
            }
            var record = new TrialRecord
            {
                Number = i,
                State = t.State,
                Values = t.Values?.ToArray(),
                Start = t.DatetimeStart,
                Complete = t.DatetimeComplete,
            };
            foreach (var (name, value) in t.Params ?? new Dictionary<string, double>())
            {
                if (t.Distributions is null || !t.Distributions.TryGetValue(name, out var d) || d is null)
                {
                    throw new ArgumentException($"Snapshot trial {i}: parameter '{name}' has no distribution.", nameof(snapshot));
                }
                if (!d.Contains(value)) throw new ArgumentException($"Snapshot trial {i}: parameter '{name}' = {value} is outside {d}.", nameof(snapshot));
                if (storage._paramDistributions.TryGetValue(name, out var known) && !known.IsCompatibleWith(d))
                {
                    throw new ArgumentException($"Snapshot trial {i}: parameter '{name}' has {d}, incompatible with {known}.", nameof(snapshot));
                }
                storage._paramDistributions.TryAdd(name, d);
                record.Params[name] = value;
                record.Distributions[name] = d;
            }
            if ((t.Distributions?.Count ?? 0) != record.Params.Count)
            {
                throw new ArgumentException($"Snapshot trial {i}: distributions and parameters differ.", nameof(snapshot));
            }
            foreach (var (step, value) in t.IntermediateValues ?? new Dictionary<int, double>()) record.Intermediate[step] = value;
            CopyAttributes(t.UserAttributes, record.User, $"snapshot trial {i} user attribute");
            CopyAttributes(t.SystemAttributes, record.System, $"snapshot trial {i} system attribute");
            storage._trials.Add(record);
            if (record.State == TrialState.Waiting) storage._waiting.Add(i);
            if (record.IsFinished) storage.Publish(record);
        }
        storage._version = trials.Count + 1;
        return storage;
    }

    /// <summary>A trial's mutable state inside the storage; guarded by the storage's lock.</summary>
    private sealed class TrialRecord
    {
        public int Number;
        public TrialState State;
        public double[]? Values;
        public DateTimeOffset? Start;
        public DateTimeOffset? Complete;
        public readonly Dictionary<string, double> Params = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Distribution> Distributions = new(StringComparer.Ordinal);
        public readonly Dictionary<int, double> Intermediate = [];
        public readonly Dictionary<string, object?> User = new(StringComparer.Ordinal);
        public readonly Dictionary<string, object?> System = new(StringComparer.Ordinal);
        public FrozenTrial? Frozen;
        public TrialSnapshot? Snapshot;

        public bool IsFinished => State is TrialState.Complete or TrialState.Pruned or TrialState.Fail;

        public FrozenTrial Freeze() => new(
            Number,
            State,
            Values is null ? null : Array.AsReadOnly(Values.ToArray()),
            Params,
            new Dictionary<string, Distribution>(Distributions, StringComparer.Ordinal).AsReadOnly(),
            new Dictionary<int, double>(Intermediate).AsReadOnly(),
            new Dictionary<string, object?>(User, StringComparer.Ordinal).AsReadOnly(),
            new Dictionary<string, object?>(System, StringComparer.Ordinal).AsReadOnly(),
            Start,
            Complete);

        public TrialSnapshot ToSnapshot() => new()
        {
            Number = Number,
            State = State,
            Values = Values is null ? null : Array.AsReadOnly(Values.ToArray()),
            Params = new Dictionary<string, double>(Params, StringComparer.Ordinal).AsReadOnly(),
            Distributions = new Dictionary<string, Distribution>(Distributions, StringComparer.Ordinal).AsReadOnly(),
            IntermediateValues = new Dictionary<int, double>(Intermediate).AsReadOnly(),
            UserAttributes = new Dictionary<string, object?>(User, StringComparer.Ordinal).AsReadOnly(),
            SystemAttributes = new Dictionary<string, object?>(System, StringComparer.Ordinal).AsReadOnly(),
            DatetimeStart = Start,
            DatetimeComplete = Complete,
        };
    }
}
