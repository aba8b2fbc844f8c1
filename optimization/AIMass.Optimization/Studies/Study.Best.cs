using AIMass.Optimization.MultiObjective;

namespace AIMass.Optimization;

public sealed partial class Study
{
    private FrozenTrial? _best;
    private (int Count, IReadOnlyList<FrozenTrial> Front)? _frontCache;

    /// <summary>
    /// The best complete trial of a single-objective study (ties go to the lower number). Throws
    /// <see cref="InvalidOperationException"/> when no trial is complete or the study has several objectives.
    /// </summary>
    public FrozenTrial BestTrial
    {
        get
        {
            if (IsMultiObjective) throw new InvalidOperationException("A multi-objective study has no single best trial; use BestTrials.");
            lock (_bestGate)
            {
                return _best ?? throw new InvalidOperationException($"Study '{StudyName}' has no complete trial yet.");
            }
        }
    }

    /// <summary>The best trial's value (see <see cref="BestTrial"/>).</summary>
    public double BestValue => BestTrial.Values![0];

    /// <summary>The best trial's parameters (external values).</summary>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>
    /// The Pareto front of complete trials (trials no other complete trial dominates), by number. For a
    /// single-objective study, every trial that reaches the best value. Empty when no trial is complete.
    /// </summary>
    public IReadOnlyList<FrozenTrial> BestTrials
    {
        get
        {
            var complete = CompleteTrials;
            lock (_bestGate)
            {
                if (_frontCache is { } cache && cache.Count == complete.Count) return cache.Front;
            }
            var front = ParetoFront.Of(complete, Directions);
            lock (_bestGate)
            {
                _frontCache = (complete.Count, front);
            }
            return front;
        }
    }

    private void UpdateBest(FrozenTrial trial)
    {
        if (IsMultiObjective || trial.State != TrialState.Complete) return;
        var v = trial.Values![0];
        lock (_bestGate)
        {
            if (_best is null)
            {
                _best = trial;
                return;
            }
            var b = _best.Values![0];
            var better = Directions[0] == StudyDirection.Minimize ? v < b : v > b;
            if (better || (v.Equals(b) && trial.Number < _best.Number)) _best = trial;
        }
    }
}
