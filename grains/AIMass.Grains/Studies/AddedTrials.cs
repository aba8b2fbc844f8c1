namespace AIMass.Grains.Studies;

/// <summary>
/// Finds the trials added to a study's trials since it last looked, without reading the others: trials are numbered
/// upward, so new ones sit just past the highest number it has seen. When they do not (a number filled in below or
/// far beyond, fewer trials, or another set of trials), it reads every number once more and says so. A trial removed
/// from the same set while others are added is not seen: a study removes no trial (it may replace its whole state).
/// </summary>
internal sealed class AddedTrials
{
    /// <summary>Missing numbers tolerated past the highest seen before it reads everything instead.</summary>
    private const int GapAllowance = 64;

    private SortedDictionary<int, TrialSummary>? _of;
    private int _next;
    private int _seen;

    /// <summary>One past the highest number seen (0 before any).</summary>
    public int Next => _next;

    /// <summary>
    /// The numbers added since the last call, in order; when <paramref name="all"/> is true, every number of
    /// <paramref name="trials"/> (what the caller keeps about them should be started over).
    /// </summary>
    public List<int> Take(SortedDictionary<int, TrialSummary> trials, out bool all)
    {
        all = false;
        var added = new List<int>();
        var same = ReferenceEquals(trials, _of);
        if (same && trials.Count == _seen) return added;
        if (same && trials.Count > _seen)
        {
            var missing = trials.Count - _seen;
            var limit = _next + missing + GapAllowance;
            for (var number = _next; number < limit && added.Count < missing; number++)
            {
                if (trials.ContainsKey(number)) added.Add(number);
            }
            if (added.Count == missing)
            {
                _next = added[^1] + 1;
                _seen = trials.Count;
                return added;
            }
        }
        all = true;
        _of = trials;
        added = [.. trials.Keys];
        _seen = added.Count;
        _next = added.Count == 0 ? 0 : added[^1] + 1;
        return added;
    }
}
