namespace AIMass.Optimization.Samplers.Tpe;

/// <summary>
/// The observations TPE learns from, as Optuna ranks them: complete trials by value, pruned trials by the step they
/// reached and their last intermediate value, and (with constant liar) running trials as the worst of all.
/// Immutable. Finished trials only ever join a study, so a later history usually extends an earlier one: then the
/// ranking and the per-parameter columns are merged in O(n) instead of rebuilt and re-sorted.
/// </summary>
internal sealed partial class TpeHistory
{
    private const double Eps = 1e-12;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Name, bool Log), TpeColumn> _columns = [];
    private readonly int[]? _rank;
    private readonly (int Count, int LastNumber) _complete, _pruned;
    private SplitResult? _split;

    private TpeHistory(FrozenTrial[] trials, double[] steps, double[][] scores, int finished, int[]? rank,
        IReadOnlyList<FrozenTrial> complete, IReadOnlyList<FrozenTrial> pruned)
    {
        Trials = trials;
        Steps = steps;
        Scores = scores;
        Finished = finished;
        _rank = rank;
        _complete = (complete.Count, complete.Count == 0 ? -1 : complete[^1].Number);
        _pruned = (pruned.Count, pruned.Count == 0 ? -1 : pruned[^1].Number);
    }

    /// <summary>The trials, by number.</summary>
    public FrozenTrial[] Trials { get; }

    /// <summary>Rank key 1: −inf for complete trials, −(last step) for pruned ones, +inf for running ones.</summary>
    public double[] Steps { get; }

    /// <summary>Rank key 2: the losses (values, negated for maximised objectives).</summary>
    public double[][] Scores { get; }

    /// <summary>How many of the trials are not running.</summary>
    public int Finished { get; }

    /// <summary>
    /// The finished trials' history: <paramref name="previous"/> itself when nothing finished since, an extension of it
    /// when every newly finished trial is numbered after its last one, otherwise gathered afresh.
    /// </summary>
    public static TpeHistory OfFinished(Study study, TpeHistory? previous)
    {
        var complete = study.GetTrials(TrialState.Complete);
        var pruned = study.IsMultiObjective ? (IReadOnlyList<FrozenTrial>)[] : study.GetTrials(TrialState.Pruned);
        if (previous is null || !Continues(complete, previous._complete, previous.Trials) || !Continues(pruned, previous._pruned, previous.Trials))
        {
            return Gather(study, complete, pruned, [], -1);
        }
        if (complete.Count == previous._complete.Count && pruned.Count == previous._pruned.Count) return previous;
        return previous.Extend(study, complete, pruned);
    }

    /// <summary>The history with running trials other than <paramref name="currentNumber"/> as the worst (constant liar).</summary>
    public static TpeHistory WithRunning(Study study, int currentNumber)
    {
        var multi = study.IsMultiObjective;
        var complete = study.GetTrials(TrialState.Complete);
        var pruned = multi ? (IReadOnlyList<FrozenTrial>)[] : study.GetTrials(TrialState.Pruned);
        var running = multi ? (IReadOnlyList<FrozenTrial>)[] : study.GetTrials(TrialState.Running);
        return Gather(study, complete, pruned, running, currentNumber);
    }

    /// <summary>
    /// The column of parameter <paramref name="name"/> (in log space when <paramref name="log"/>), built once per
    /// history, or extended from the previous history's.
    /// </summary>
    public TpeColumn Column(string name, bool log)
    {
        lock (_gate)
        {
            if (!_columns.TryGetValue((name, log), out var column)) _columns[(name, log)] = column = TpeColumn.Build(Trials, name, log);
            return column;
        }
    }

    /// <summary>
    /// The <paramref name="nBelow"/> best trials ("below", by number), the others ("above", by number), and a mask of
    /// the below ones by index; remembered for the last <paramref name="nBelow"/>.
    /// </summary>
    public SplitResult CachedSplit(int nBelow)
    {
        lock (_gate)
        {
            if (_split is { } s && s.Gamma == nBelow) return s;
        }
        var (below, above) = Split(nBelow);
        var mask = new bool[Trials.Length];
        foreach (var i in below) mask[i] = true;
        var split = new SplitResult(nBelow, below, above, mask);
        lock (_gate)
        {
            _split = split;
        }
        return split;
    }

    /// <summary>Splits the trials into the <paramref name="nBelow"/> best ("below") and the rest, each by number.</summary>
    public (int[] Below, int[] Above) Split(int nBelow)
    {
        var count = Trials.Length;
        nBelow = Math.Clamp(nBelow, 0, count);
        var below = _rank is null ? SplitMultiObjective(nBelow) : _rank[..nBelow];
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

    /// <summary>
    /// Whether <paramref name="list"/> starts with the trials seen before (<paramref name="known"/>) and its new ones are
    /// numbered after every trial of the history. Lists are ordered by number and finished trials never leave them, so
    /// the known last number at the known place means the known trials before it.
    /// </summary>
    private static bool Continues(IReadOnlyList<FrozenTrial> list, (int Count, int LastNumber) known, FrozenTrial[] trials)
    {
        if (list.Count < known.Count) return false;
        if (known.Count > 0 && list[known.Count - 1].Number != known.LastNumber) return false;
        return list.Count == known.Count || trials.Length == 0 || list[known.Count].Number > trials[^1].Number;
    }

    private TpeHistory Extend(Study study, IReadOnlyList<FrozenTrial> complete, IReadOnlyList<FrozenTrial> pruned)
    {
        var from = Trials.Length;
        var added = complete.Count - _complete.Count + pruned.Count - _pruned.Count;
        var trials = new FrozenTrial[from + added];
        var steps = new double[trials.Length];
        var scores = new double[trials.Length][];
        Array.Copy(Trials, trials, from);
        Array.Copy(Steps, steps, from);
        Array.Copy(Scores, scores, from);
        var n = from;
        int a = _complete.Count, b = _pruned.Count;
        while (a < complete.Count || b < pruned.Count)
        {
            var t = b >= pruned.Count || (a < complete.Count && complete[a].Number < pruned[b].Number) ? complete[a++] : pruned[b++];
            (steps[n], scores[n]) = RankKeys(study, t);
            trials[n++] = t;
        }
        int[]? rank = null;
        if (_rank is not null)
        {
            var fresh = new int[added];
            for (var i = 0; i < added; i++) fresh[i] = from + i;
            SortByRank(fresh, steps, scores);
            rank = MergeRanks(_rank, fresh, steps, scores);
        }
        var history = new TpeHistory(trials, steps, scores, Finished + added, rank, complete, pruned);
        lock (_gate)
        {
            foreach (var ((name, log), column) in _columns) history._columns[(name, log)] = TpeColumn.Extend(column, trials, from, name, log);
        }
        return history;
    }

    private static TpeHistory Gather(Study study, IReadOnlyList<FrozenTrial> complete, IReadOnlyList<FrozenTrial> pruned,
        IReadOnlyList<FrozenTrial> running, int currentNumber)
    {
        var total = complete.Count + pruned.Count + running.Count;
        var trials = new FrozenTrial[total];
        var steps = new double[total];
        var scores = new double[total][];
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
                finished++;
            }
            else if (nb <= nc)
            {
                t = pruned[b++];
                finished++;
            }
            else
            {
                t = running[c++];
                if (t.Number == currentNumber) continue;
            }
            (steps[n], scores[n]) = RankKeys(study, t);
            trials[n++] = t;
        }
        if (n < total)
        {
            Array.Resize(ref trials, n);
            Array.Resize(ref steps, n);
            Array.Resize(ref scores, n);
        }
        int[]? rank = null;
        if (!study.IsMultiObjective)
        {
            rank = new int[n];
            for (var i = 0; i < n; i++) rank[i] = i;
            SortByRank(rank, steps, scores);
        }
        return new TpeHistory(trials, steps, scores, finished, rank, complete, pruned);
    }

    /// <summary>Optuna's rank keys of a trial: (−inf, loss) complete, (−last step, last value) pruned, (+inf, +inf) running.</summary>
    private static (double Step, double[] Loss) RankKeys(Study study, FrozenTrial t)
    {
        var directions = study.Directions;
        switch (t.State)
        {
            case TrialState.Complete:
                var loss = new double[directions.Count];
                for (var k = 0; k < loss.Length; k++) loss[k] = directions[k] == StudyDirection.Minimize ? t.Values![k] : -t.Values![k];
                return (double.NegativeInfinity, loss);
            case TrialState.Pruned:
                var sign = directions[0] == StudyDirection.Minimize ? 1.0 : -1.0;
                if (t.LastStep is { } last)
                {
                    var v = t.IntermediateValues[last];
                    return (-last, [double.IsNaN(v) ? double.PositiveInfinity : sign * v]);
                }
                return (1, [0.0]);
            default:
                return (double.PositiveInfinity, [double.PositiveInfinity]);
        }
    }

    /// <summary>Sorts indices by (step, first loss), ties by index.</summary>
    private static void SortByRank(int[] items, double[] steps, double[][] scores)
    {
        var allStepsEqual = true;
        foreach (var i in items) allStepsEqual &= steps[i].Equals(steps[items[0]]);
        if (allStepsEqual)
        {
            var keys = new double[items.Length];
            for (var i = 0; i < items.Length; i++) keys[i] = scores[items[i]][0];
            StableSort.ByKeys(keys, items);
            return;
        }
        Array.Sort(items, (x, y) =>
        {
            var c = RankOrder(x, y, steps, scores);
            return c != 0 ? c : x.CompareTo(y);
        });
    }

    private static int RankOrder(int x, int y, double[] steps, double[][] scores)
    {
        var c = steps[x].CompareTo(steps[y]);
        return c != 0 ? c : scores[x][0].CompareTo(scores[y][0]);
    }

    /// <summary>Merges two rank-ordered index lists where every index of <paramref name="fresh"/> exceeds those of <paramref name="old"/>.</summary>
    private static int[] MergeRanks(int[] old, int[] fresh, double[] steps, double[][] scores)
    {
        var result = new int[old.Length + fresh.Length];
        int i = 0, j = 0, k = 0;
        while (i < old.Length && j < fresh.Length)
        {
            result[k++] = RankOrder(fresh[j], old[i], steps, scores) < 0 ? fresh[j++] : old[i++];
        }
        while (i < old.Length) result[k++] = old[i++];
        while (j < fresh.Length) result[k++] = fresh[j++];
        return result;
    }

    /// <summary>A split of the history into its best trials and the rest.</summary>
    public sealed record SplitResult(int Gamma, int[] Below, int[] Above, bool[] BelowMask);
}
