using AIMass.Optimization.MultiObjective;

namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// The observations TPE learns from, as Optuna ranks them: complete trials by value, pruned trials by the step they
/// reached and their last intermediate value, and (with constant liar) running trials as the worst of all.
/// </summary>
internal sealed class TpeHistory
{
    private const double Eps = 1e-12;

    private TpeHistory(FrozenTrial[] trials, double[] steps, double[][] scores, int finished)
    {
        Trials = trials;
        Steps = steps;
        Scores = scores;
        Finished = finished;
    }

    /// <summary>The trials, by number.</summary>
    public FrozenTrial[] Trials { get; }

    /// <summary>Rank key 1: −inf for complete trials, −(last step) for pruned ones, +inf for running ones.</summary>
    public double[] Steps { get; }

    /// <summary>Rank key 2: the losses (values, negated for maximised objectives).</summary>
    public double[][] Scores { get; }

    /// <summary>How many of the trials are not running.</summary>
    public int Finished { get; }

    public static TpeHistory Gather(Study study, bool constantLiar, int currentNumber)
    {
        var multi = study.IsMultiObjective;
        var complete = study.GetTrials(TrialState.Complete);
        var pruned = multi ? (IReadOnlyList<FrozenTrial>)[] : study.GetTrials(TrialState.Pruned);
        IReadOnlyList<FrozenTrial> running = constantLiar && !multi ? study.GetTrials(TrialState.Running) : [];
        var total = complete.Count + pruned.Count + running.Count;
        var trials = new FrozenTrial[total];
        var steps = new double[total];
        var scores = new double[total][];
        var directions = study.Directions;
        int a = 0, b = 0, c = 0, n = 0, finished = 0;
        while (a < complete.Count || b < pruned.Count || c < running.Count)
        {
            var na = a < complete.Count ? complete[a].Number : int.MaxValue;
            var nb = b < pruned.Count ? pruned[b].Number : int.MaxValue;
            var nc = c < running.Count ? running[c].Number : int.MaxValue;
            FrozenTrial t;
            if (na <= nb && na <= nc)
            {
                t = complete[a++];
                var loss = new double[directions.Count];
                for (var k = 0; k < loss.Length; k++) loss[k] = directions[k] == StudyDirection.Minimize ? t.Values![k] : -t.Values![k];
                steps[n] = double.NegativeInfinity;
                scores[n] = loss;
                finished++;
            }
            else if (nb <= nc)
            {
                t = pruned[b++];
                var sign = directions[0] == StudyDirection.Minimize ? 1.0 : -1.0;
                if (t.LastStep is { } last)
                {
                    var v = t.IntermediateValues[last];
                    steps[n] = -last;
                    scores[n] = [double.IsNaN(v) ? double.PositiveInfinity : sign * v];
                }
                else
                {
                    steps[n] = 1;
                    scores[n] = [0.0];
                }
                finished++;
            }
            else
            {
                t = running[c++];
                if (t.Number == currentNumber) continue;
                steps[n] = double.PositiveInfinity;
                scores[n] = [double.PositiveInfinity];
            }
            trials[n++] = t;
        }
        if (n < total)
        {
            Array.Resize(ref trials, n);
            Array.Resize(ref steps, n);
            Array.Resize(ref scores, n);
        }
        return new TpeHistory(trials, steps, scores, finished);
    }

    private (int Gamma, int[] Below, int[] Above)? _split;

    /// <summary><see cref="Split"/>, remembered for the last gamma (the history is immutable).</summary>
    public (int[] Below, int[] Above) CachedSplit(int nBelow)
    {
        lock (this)
        {
            if (_split is { } s && s.Gamma == nBelow) return (s.Below, s.Above);
        }
        var (below, above) = Split(nBelow);
        lock (this)
        {
            _split = (nBelow, below, above);
        }
        return (below, above);
    }

    /// <summary>Splits the trials into the <paramref name="nBelow"/> best ("below") and the rest, each by number.</summary>
    public (int[] Below, int[] Above) Split(int nBelow)
    {
        var count = Trials.Length;
        nBelow = Math.Clamp(nBelow, 0, count);
        int[] below;
        if (Scores.Length > 0 && Scores[0].Length > 1)
        {
            below = SplitMultiObjective(nBelow);
        }
        else if (AllStepsEqual())
        {
            // Only complete trials: order by loss (ties by number), a primitive sort.
            var keys = new double[count];
            var order = new int[count];
            for (var i = 0; i < count; i++)
            {
                keys[i] = Scores[i][0];
                order[i] = i;
            }
            Array.Sort(keys, order);
            for (var i = 1; i < count; i++)
            {
                if (keys[i] == keys[i - 1])
                {
                    // Restore number order inside runs of equal losses.
                    var j = i;
                    while (j < count && keys[j] == keys[i - 1]) j++;
                    Array.Sort(order, i - 1, j - i + 1);
                    i = j;
                }
            }
            below = order[..nBelow];
        }
        else
        {
            var order = new int[count];
            for (var i = 0; i < count; i++) order[i] = i;
            var steps = Steps;
            var scores = Scores;
            Array.Sort(order, (x, y) =>
            {
                var c = steps[x].CompareTo(steps[y]);
                if (c != 0) return c;
                c = scores[x][0].CompareTo(scores[y][0]);
                return c != 0 ? c : x.CompareTo(y);
            });
            below = order[..nBelow];
        }
        Array.Sort(below);
        var above = new int[count - below.Length];
        int bi = 0, ai = 0;
        for (var i = 0; i < count; i++)
        {
            if (bi < below.Length && below[bi] == i) bi++;
            else above[ai++] = i;
        }
        return (below, above);
    }

    private bool AllStepsEqual()
    {
        for (var i = 1; i < Steps.Length; i++)
        {
            if (!Steps[i].Equals(Steps[0])) return false;
        }
        return true;
    }

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
