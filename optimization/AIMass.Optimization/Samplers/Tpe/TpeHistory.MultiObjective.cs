using AIMass.Optimization.MultiObjective;

namespace AIMass.Optimization.Samplers.Tpe;

internal sealed partial class TpeHistory
{
    /// <summary>Optuna's multi-objective weights of the below trials: their hypervolume contributions, scaled to a maximum of 1.</summary>
    public double[] MultiObjectiveWeights(int[] below)
    {
        var n = below.Length;
        if (n == 0) return [];
        if (n == 1) return [1.0];
        var points = new IReadOnlyList<double>[n];
        for (var i = 0; i < n; i++) points[i] = Scores[below[i]];
        var reference = ReferencePoint(points);
        var hv = Hypervolume.Compute(points, reference);
        var contributions = new double[n];
        var max = 0.0;
        for (var i = 0; i < n; i++)
        {
            var others = new IReadOnlyList<double>[n - 1];
            for (int j = 0, m = 0; j < n; j++)
            {
                if (j != i) others[m++] = points[j];
            }
            contributions[i] = hv - Hypervolume.Compute(others, reference) + Eps;
            max = Math.Max(max, contributions[i]);
        }
        for (var i = 0; i < n; i++) contributions[i] = Math.Clamp(contributions[i] / max, 0, 1);
        return contributions;
    }

    private int[] SplitMultiObjective(int nBelow)
    {
        var loss = Scores;
        var ranks = ParetoFront.NonDominatedRanks(loss);
        var below = new List<int>(nBelow);
        var rank = 0;
        while (below.Count < nBelow)
        {
            var members = new List<int>();
            for (var i = 0; i < loss.Length; i++)
            {
                if (ranks[i] == rank) members.Add(i);
            }
            if (members.Count == 0) break;
            if (below.Count + members.Count <= nBelow)
            {
                below.AddRange(members);
            }
            else
            {
                below.AddRange(GreedySubset(members, nBelow - below.Count));
            }
            rank++;
        }
        return [.. below];
    }

    /// <summary>Greedy hypervolume subset selection among one rank's members.</summary>
    private int[] GreedySubset(List<int> members, int size)
    {
        var points = members.Select(i => (IReadOnlyList<double>)Scores[i]).ToArray();
        var reference = ReferencePoint(points);
        var chosen = new List<int>(size);
        var chosenPoints = new List<IReadOnlyList<double>>(size);
        var used = new bool[members.Count];
        var current = 0.0;
        while (chosen.Count < size)
        {
            var best = -1;
            var bestGain = double.NegativeInfinity;
            for (var j = 0; j < members.Count; j++)
            {
                if (used[j]) continue;
                chosenPoints.Add(points[j]);
                var gain = Hypervolume.Compute(chosenPoints, reference) - current;
                chosenPoints.RemoveAt(chosenPoints.Count - 1);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = j;
                }
            }
            used[best] = true;
            chosen.Add(members[best]);
            chosenPoints.Add(points[best]);
            current += bestGain;
        }
        return [.. chosen];
    }

    private static double[] ReferencePoint(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var dims = points[0].Count;
        var reference = new double[dims];
        for (var k = 0; k < dims; k++)
        {
            var worst = double.NegativeInfinity;
            foreach (var p in points) worst = Math.Max(worst, p[k]);
            var r = Math.Max(1.1 * worst, 0.9 * worst);
            reference[k] = r == 0 ? Eps : r;
        }
        return reference;
    }
}
