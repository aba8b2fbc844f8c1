namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// Proposes warm-start configurations for a new task from the knowledge base: the k nearest known tasks of the same
/// kind that the requester may see (<see cref="KnowledgeEntry.IsVisibleTo"/>), by weighted distance in a
/// <see cref="MetaFeatureSpace"/> fitted on those tasks. Configurations come first from a greedy portfolio over those
/// neighbours (<see cref="PortfolioSelection"/>): candidates are the top <see cref="PortfolioCandidatesPerTask"/>
/// configurations of every visible task of the kind plus every neighbour's top list, scored on each neighbour where
/// that neighbour's own trials or the prior's cross-evaluations know them, so that configurations that did well on
/// several similar tasks come before one task's specialist. When no candidate adds value any more, the rest follow
/// round-robin over the neighbours, nearer neighbours taking proportionally more turns (smooth weighted round-robin),
/// each neighbour's configurations best first. Identical parameter sets come once. Deterministic: ties in distance go
/// to the lower task id, ties in value to the nearer source.
/// </summary>
public static class WarmStartAdvisor
{
    /// <summary>How many of each task's top configurations are portfolio candidates (and are cross-evaluated on the
    /// other tasks when the prior is built).</summary>
    public const int PortfolioCandidatesPerTask = 3;

    /// <summary>
    /// Proposes up to <paramref name="count"/> distinct configurations for a task of kind <paramref name="task"/>
    /// (<c>classification</c> or <c>regression</c>) with meta-features <paramref name="metaFeatures"/>, for tenant
    /// <paramref name="requester"/> (<c>null</c>: only shared entries), from the <paramref name="neighbours"/> nearest
    /// tasks. <paramref name="weights"/> replaces <see cref="MetaFeatureSpace.DefaultWeights"/>. Returns
    /// <see cref="WarmStartProposal.Empty"/> when nothing fits. Throws <see cref="ArgumentException"/> for an unknown
    /// task kind, a non-finite meta-feature, or a count or neighbour number below 1 (count may be 0).
    /// </summary>
    public static WarmStartProposal Propose(
        KnowledgeBase kb,
        IReadOnlyDictionary<string, double> metaFeatures,
        string task,
        string? requester,
        int count,
        int neighbours = 5,
        IReadOnlyDictionary<string, double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(kb);
        ArgumentNullException.ThrowIfNull(metaFeatures);
        if (!KnowledgeEntry.TaskKinds.Contains(task)) throw new ArgumentException($"Task '{task}' is not one of: {string.Join(", ", KnowledgeEntry.TaskKinds)}.", nameof(task));
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "The number of configurations must not be negative.");
        if (neighbours < 1) throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, "At least one neighbour must be consulted.");
        foreach (var (name, value) in metaFeatures)
        {
            if (!double.IsFinite(value)) throw new ArgumentException($"Meta-feature '{name}' is {value}; meta-features must be finite.", nameof(metaFeatures));
        }
        var candidates = kb.VisibleTo(requester).Where(e => e.Task == task && e.Top.Count > 0).ToList();
        if (candidates.Count == 0 || count == 0) return WarmStartProposal.Empty;

        var space = MetaFeatureSpace.Fit(candidates.Select(c => c.MetaFeatures), weights);
        var query = space.Normalize(metaFeatures);
        var nearest = candidates
            .Select(c => (Entry: c, Distance: space.Distance(query, space.Normalize(c.MetaFeatures))))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Entry.TaskId, StringComparer.Ordinal)
            .ThenBy(x => x.Entry.Owner ?? "", StringComparer.Ordinal)
            .Take(neighbours)
            .ToList();
        var similarity = Similarities(nearest.Select(n => n.Distance).ToArray());
        var neighbourEntries = nearest.Select(n => n.Entry).ToList();
        var pool = candidates
            .Select(c => (Entry: c, Neighbour: neighbourEntries.IndexOf(c), Distance: space.Distance(query, space.Normalize(c.MetaFeatures))))
            .OrderBy(x => x.Neighbour < 0 ? int.MaxValue : x.Neighbour)
            .ThenBy(x => x.Distance)
            .ThenBy(x => x.Entry.TaskId, StringComparer.Ordinal)
            .SelectMany(x => x.Entry.Top.Take(x.Neighbour >= 0 ? x.Entry.Top.Count : PortfolioCandidatesPerTask)
                .Select(t => (t.Parameters, x.Entry.TaskId)))
            .ToList();
        var picks = PortfolioSelection.Select(neighbourEntries, similarity, pool, count);
        var taken = new HashSet<string>(picks.Select(p => KnowledgeEntry.ParameterKey(p.Parameters)), StringComparer.Ordinal);
        foreach (var pick in RoundRobin(neighbourEntries, similarity, int.MaxValue))
        {
            if (picks.Count >= count) break;
            if (taken.Add(KnowledgeEntry.ParameterKey(pick.Parameters))) picks.Add(pick);
        }
        return new WarmStartProposal
        {
            Configurations = picks.Select(p => p.Parameters).ToList(),
            SourceTaskIds = picks.Select(p => p.TaskId).ToList(),
            Neighbours = nearest.Select((n, i) => new NeighbourTask(n.Entry.TaskId, n.Entry.Owner, n.Distance, similarity[i])).ToList(),
        };
    }

    /// <summary>
    /// Similarity weights summing to 1: <c>1 / (d + d0)</c> with <c>d0</c> a quarter of the mean distance, so an
    /// exact match does not take every turn and equal distances share equally.
    /// </summary>
    internal static double[] Similarities(double[] distances)
    {
        if (distances.Length == 0) return [];
        var offset = 0.25 * distances.Average() + 1e-9;
        var raw = distances.Select(d => 1.0 / (d + offset)).ToArray();
        var total = raw.Sum();
        return raw.Select(r => r / total).ToArray();
    }

    private static List<(IReadOnlyDictionary<string, string> Parameters, string TaskId)> RoundRobin(
        IReadOnlyList<KnowledgeEntry> neighbours, double[] weights, int count)
    {
        var picks = new List<(IReadOnlyDictionary<string, string>, string)>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var next = new int[neighbours.Count];
        var credit = new double[neighbours.Count];
        var active = Enumerable.Range(0, neighbours.Count).ToList();
        while (picks.Count < count && active.Count > 0)
        {
            var total = 0.0;
            foreach (var i in active)
            {
                credit[i] += weights[i];
                total += weights[i];
            }
            var chosen = active[0];
            foreach (var i in active)
            {
                if (credit[i] > credit[chosen]) chosen = i;
            }
            credit[chosen] -= total;
            var top = neighbours[chosen].Top;
            while (next[chosen] < top.Count)
            {
                var configuration = top[next[chosen]++].Parameters;
                if (!taken.Add(KnowledgeEntry.ParameterKey(configuration))) continue;
                picks.Add((configuration, neighbours[chosen].TaskId));
                break;
            }
            if (next[chosen] >= top.Count) active.Remove(chosen);
        }
        return picks;
    }
}
