namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// The same groups, in the same order and with the same distributions, as
/// <see cref="SearchSpace.GroupDecomposed"/>(study, includePruned: true), kept per study and brought up to date as
/// trials finish instead of recomputed from every trial on each call (that cost O(trials) sorted sets per call).
/// A trial whose parameters are a union of existing groups changes nothing and costs only lookups; while no trial
/// was pruned, newly completed trials numbered after the known ones are processed alone.
/// </summary>
internal sealed class TpeGroups
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, Distribution>> None = [];

    private readonly Lock _gate = new();
    private readonly List<List<string>> _groups = [];
    private readonly Dictionary<string, int> _groupOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Distribution> _latest = new(StringComparer.Ordinal);
    private int[] _counts = [];
    private int _complete, _pruned, _lastComplete = -1;
    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>>? _result;

    /// <summary>The groups of co-occurring parameters of the study's complete and pruned trials.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Of(Study study)
    {
        var complete = study.GetTrials(TrialState.Complete);
        var pruned = study.GetTrials(TrialState.Pruned);
        lock (_gate)
        {
            // Finished trials never leave these lists, so equal counts mean equal lists.
            if (_result is not null && complete.Count == _complete && pruned.Count == _pruned) return _result;
            var from = 0;
            if (_result is not null && pruned.Count == 0 && _pruned == 0 && complete.Count > _complete
                && (_complete == 0 || complete[_complete - 1].Number == _lastComplete) && complete[_complete].Number > _lastComplete)
            {
                // Complete trials are processed by number, and the new ones all follow the processed ones.
                from = _complete;
            }
            else
            {
                _groups.Clear();
                _groupOf.Clear();
                _latest.Clear();
            }
            for (var i = from; i < complete.Count; i++) Add(complete[i]);
            foreach (var t in pruned) Add(t);
            _complete = complete.Count;
            _pruned = pruned.Count;
            _lastComplete = complete.Count == 0 ? -1 : complete[^1].Number;
            return _result = Snapshot();
        }
    }

    /// <summary>Refines the groups by one trial's parameters (Optuna's step: split each group by them, add the new ones).</summary>
    private void Add(FrozenTrial trial)
    {
        var names = trial.Distributions;
        foreach (var (k, v) in names) _latest[k] = v;
        if (Unchanged(names)) return;
        var next = new List<List<string>>(_groups.Count + 2);
        foreach (var g in _groups)
        {
            var inter = new List<string>();
            var diff = new List<string>();
            foreach (var name in g) (names.ContainsKey(name) ? inter : diff).Add(name);
            if (inter.Count > 0) next.Add(inter);
            if (diff.Count > 0) next.Add(diff);
        }
        var fresh = new List<string>();
        foreach (var name in names.Keys)
        {
            if (!_groupOf.ContainsKey(name)) fresh.Add(name);
        }
        if (fresh.Count > 0)
        {
            fresh.Sort(StringComparer.Ordinal);
            next.Add(fresh);
        }
        _groups.Clear();
        _groups.AddRange(next);
        _groupOf.Clear();
        for (var g = 0; g < _groups.Count; g++)
        {
            foreach (var name in _groups[g]) _groupOf[name] = g;
        }
    }

    /// <summary>Whether every parameter is known and every group lies wholly inside or outside the trial's parameters.</summary>
    private bool Unchanged(IReadOnlyDictionary<string, Distribution> names)
    {
        if (_counts.Length < _groups.Count) _counts = new int[Math.Max(_groups.Count, 2 * _counts.Length)];
        Array.Clear(_counts, 0, _groups.Count);
        foreach (var name in names.Keys)
        {
            if (!_groupOf.TryGetValue(name, out var g)) return false;
            _counts[g]++;
        }
        for (var g = 0; g < _groups.Count; g++)
        {
            if (_counts[g] != 0 && _counts[g] != _groups[g].Count) return false;
        }
        return true;
    }

    private IReadOnlyList<IReadOnlyDictionary<string, Distribution>> Snapshot()
    {
        if (_groups.Count == 0) return None;
        var result = new IReadOnlyDictionary<string, Distribution>[_groups.Count];
        for (var g = 0; g < _groups.Count; g++)
        {
            var space = new Dictionary<string, Distribution>(_groups[g].Count, StringComparer.Ordinal);
            foreach (var name in _groups[g]) space[name] = _latest[name];
            result[g] = space;
        }
        return result;
    }
}
