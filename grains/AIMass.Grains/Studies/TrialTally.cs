namespace AIMass.Grains.Studies;

/// <summary>
/// What the study asks of its trials at every step (which are unfinished, how many are search trials), kept without
/// reading every trial: a trial's kind never changes and a finished trial never runs again, so only the trials added
/// since the last look (<see cref="AddedTrials"/>) and those unfinished then are read. The answers are those of a
/// scan over all trials, in trial-number order.
/// </summary>
internal sealed class TrialTally
{
    private readonly AddedTrials _added = new();
    private readonly SortedSet<int> _open = [];
    private int _searchTrials;

    /// <summary>The unfinished trials (queued or running), by number.</summary>
    public List<TrialSummary> Outstanding(SortedDictionary<int, TrialSummary> trials)
    {
        Catch(trials);
        var open = new List<TrialSummary>(_open.Count);
        List<int>? finished = null;
        foreach (var number in _open)
        {
            if (trials.TryGetValue(number, out var trial) && !IsFinal(trial.Status)) open.Add(trial);
            else (finished ??= []).Add(number);
        }
        if (finished is not null) _open.ExceptWith(finished);
        return open;
    }

    /// <summary>How many trials are search (or warm-start) trials.</summary>
    public int SearchTrials(SortedDictionary<int, TrialSummary> trials)
    {
        Catch(trials);
        return _searchTrials;
    }

    private void Catch(SortedDictionary<int, TrialSummary> trials)
    {
        var added = _added.Take(trials, out var all);
        if (added.Count == 0) return;
        if (all)
        {
            _open.Clear();
            _searchTrials = 0;
        }
        foreach (var number in added)
        {
            var trial = trials[number];
            if (!IsFinal(trial.Status)) _open.Add(number);
            if (trial.Kind is TrialKind.Search or TrialKind.WarmStart) _searchTrials++;
        }
    }

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Cancelled;
}
