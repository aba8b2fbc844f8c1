namespace AIMass.Optimization.MultiObjective;

/// <summary>Dominance, non-dominated sorting and Pareto fronts over trials' values with per-objective directions.</summary>
public static class ParetoFront
{
    /// <summary>Whether <paramref name="a"/> dominates <paramref name="b"/> (no worse in every objective, better in one).</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<StudyDirection> directions)
    {
        var strictly = false;
        for (var i = 0; i < directions.Count; i++)
        {
            var x = directions[i] == StudyDirection.Minimize ? a[i] : -a[i];
            var y = directions[i] == StudyDirection.Minimize ? b[i] : -b[i];
            if (x > y) return false;
            if (x < y) strictly = true;
        }
        return strictly;
    }

    /// <summary>The complete trials that no other trial of <paramref name="trials"/> dominates, by number.</summary>
    public static IReadOnlyList<FrozenTrial> Of(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        var candidates = new List<FrozenTrial>(trials.Count);
        foreach (var t in trials)
        {
            if (t.State == TrialState.Complete && t.Values is { } v && v.Count == directions.Count) candidates.Add(t);
        }
        var loss = ToLoss(candidates, directions);
        var ranks = NonDominatedRanks(loss, 1);
        var front = new List<FrozenTrial>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (ranks[i] == 0) front.Add(candidates[i]);
        }
        return front.AsReadOnly();
    }

    /// <summary>Rows of losses (to minimise): values with maximised objectives negated.</summary>
    public static double[][] ToLoss(IReadOnlyList<FrozenTrial> trials, IReadOnlyList<StudyDirection> directions)
    {
        var loss = new double[trials.Count][];
        for (var i = 0; i < trials.Count; i++)
        {
            var row = new double[directions.Count];
            for (var k = 0; k < row.Length; k++)
            {
                var v = trials[i].Values![k];
                row[k] = directions[k] == StudyDirection.Minimize ? v : -v;
            }
            loss[i] = row;
        }
        return loss;
    }

    /// <summary>
    /// Non-domination rank of each row of losses (0 = Pareto front), computed until at least
    /// <paramref name="minimumRanked"/> rows have a rank (the rest get <see cref="int.MaxValue"/>); pass
    /// <c>int.MaxValue</c> for a full sort. Equal rows share a rank.
    /// </summary>
    public static int[] NonDominatedRanks(double[][] loss, int minimumRanked = int.MaxValue)
    {
        var n = loss.Length;
        var ranks = new int[n];
        Array.Fill(ranks, int.MaxValue);
        if (n == 0) return ranks;
        var dominatedCount = new int[n];
        var dominates = new List<int>[n];
        for (var i = 0; i < n; i++) dominates[i] = [];
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (DominatesLoss(loss[i], loss[j]))
                {
                    dominates[i].Add(j);
                    dominatedCount[j]++;
                }
                else if (DominatesLoss(loss[j], loss[i]))
                {
                    dominates[j].Add(i);
                    dominatedCount[i]++;
                }
            }
        }
        var current = new List<int>();
        for (var i = 0; i < n; i++)
        {
            if (dominatedCount[i] == 0) current.Add(i);
        }
        var rank = 0;
        var ranked = 0;
        while (current.Count > 0 && ranked < minimumRanked)
        {
            var next = new List<int>();
            foreach (var i in current)
            {
                ranks[i] = rank;
                ranked++;
                foreach (var j in dominates[i])
                {
                    if (--dominatedCount[j] == 0) next.Add(j);
                }
            }
            current = next;
            rank++;
        }
        return ranks;
    }

    /// <summary>Whether loss row <paramref name="a"/> dominates row <paramref name="b"/>.</summary>
    public static bool DominatesLoss(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var strictly = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] > b[i]) return false;
            if (a[i] < b[i]) strictly = true;
        }
        return strictly;
    }
}
