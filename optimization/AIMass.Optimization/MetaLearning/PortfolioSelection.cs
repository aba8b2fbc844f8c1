namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// Greedy portfolio over the neighbours of a new task (in the spirit of auto-sklearn 2.0's portfolios, restricted to
/// the nearest tasks and weighted by similarity): each step takes the configuration that most raises the
/// similarity-weighted mean, over the neighbours, of the best normalised score the chosen configurations reach there.
/// A configuration's score on a neighbour is known when it is one of that neighbour's own top configurations or was
/// cross-evaluated there (<see cref="KnowledgeEntry.Evaluations"/>); unknown counts as nothing. So the first pick is the
/// configuration that does well on most of the neighbours, and later picks cover the neighbours the earlier ones
/// served badly. Scores are normalised per neighbour as <c>clamp((score - median) / (best - median), 0, 1)</c>: a
/// configuration no better than that task's typical trial is worth nothing there.
/// </summary>
internal static class PortfolioSelection
{
    /// <summary>
    /// Up to <paramref name="count"/> configurations (best first, with the task each came from) while some configuration
    /// still adds value; the caller fills the rest. <paramref name="pool"/> lists the candidate configurations with
    /// their source task, in preference order (ties go to the earlier).
    /// </summary>
    public static List<(IReadOnlyDictionary<string, string> Parameters, string TaskId)> Select(
        IReadOnlyList<KnowledgeEntry> neighbours,
        IReadOnlyList<double> weights,
        IReadOnlyList<(IReadOnlyDictionary<string, string> Parameters, string TaskId)> pool,
        int count)
    {
        var keys = pool.Select(p => KnowledgeEntry.ParameterKey(p.Parameters)).ToArray();
        var utility = new double[pool.Count, neighbours.Count];
        for (var n = 0; n < neighbours.Count; n++)
        {
            var scores = ScoresOn(neighbours[n]);
            var top = scores.Count > 0 ? Math.Max(neighbours[n].BestScore, scores.Values.Max()) : neighbours[n].BestScore;
            var floor = neighbours[n].MedianScore;
            for (var c = 0; c < pool.Count; c++)
            {
                if (!scores.TryGetValue(keys[c], out var score)) continue;
                utility[c, n] = top > floor ? Math.Clamp((score - floor) / (top - floor), 0, 1) : score >= top ? 1 : 0;
            }
        }

        var reached = new double[neighbours.Count];
        var taken = new bool[pool.Count];
        var picks = new List<(IReadOnlyDictionary<string, string>, string)>();
        while (picks.Count < count)
        {
            var best = -1;
            var bestGain = 1e-9;
            for (var c = 0; c < pool.Count; c++)
            {
                if (taken[c]) continue;
                var gain = 0.0;
                for (var n = 0; n < neighbours.Count; n++) gain += weights[n] * Math.Max(0, utility[c, n] - reached[n]);
                if (gain > bestGain)
                {
                    best = c;
                    bestGain = gain;
                }
            }
            if (best < 0) break;
            taken[best] = true;
            for (var n = 0; n < neighbours.Count; n++) reached[n] = Math.Max(reached[n], utility[best, n]);
            picks.Add(pool[best]);
        }
        return picks;
    }

    /// <summary>The scores known on <paramref name="entry"/>'s task by configuration key (the best when one is known twice).</summary>
    private static Dictionary<string, double> ScoresOn(KnowledgeEntry entry)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(IReadOnlyDictionary<string, string> parameters, double score)
        {
            var key = KnowledgeEntry.ParameterKey(parameters);
            scores[key] = scores.TryGetValue(key, out var old) ? Math.Max(old, score) : score;
        }
        foreach (var c in entry.Top) Add(c.Parameters, c.Score);
        foreach (var e in entry.Evaluations) Add(e.Parameters, e.Score);
        return scores;
    }
}
