namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// Proposes warm-start configurations for a new task from the knowledge base: the k nearest known tasks of the same
/// kind that the requester may see (<see cref="KnowledgeEntry.IsVisibleTo"/>), by weighted distance in a
/// <see cref="MetaFeatureSpace"/> fitted on those tasks; then their top configurations, taken round-robin over the
/// neighbours with nearer neighbours taking proportionally more turns (smooth weighted round-robin), each neighbour's
/// configurations best first, identical parameter sets once. Deterministic: ties in distance go to the lower task id.
/// </summary>
public static class WarmStartAdvisor
{
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
        var picks = RoundRobin(nearest.Select(n => n.Entry).ToList(), similarity, count);
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
