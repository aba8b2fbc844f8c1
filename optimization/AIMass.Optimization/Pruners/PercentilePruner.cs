namespace AIMass.Optimization.Pruners;

/// <summary>
/// Prunes a trial whose best intermediate value so far is worse than the given percentile of the complete trials'
/// values at the same step (Optuna's rule), after <c>nStartupTrials</c> complete trials and <c>nWarmupSteps</c>
/// steps, once per <c>intervalSteps</c>, when at least <c>nMinTrials</c> complete trials reported that step.
/// </summary>
public class PercentilePruner : IPruner
{
    /// <summary>Creates the pruner; throws <see cref="ArgumentOutOfRangeException"/> for out-of-range settings.</summary>
    public PercentilePruner(double percentile, int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    {
        if (!(percentile >= 0 && percentile <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "The percentile must be in [0, 100].");
        if (nStartupTrials < 0) throw new ArgumentOutOfRangeException(nameof(nStartupTrials), nStartupTrials, "Must not be negative.");
        if (nWarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(nWarmupSteps), nWarmupSteps, "Must not be negative.");
        if (intervalSteps < 1) throw new ArgumentOutOfRangeException(nameof(intervalSteps), intervalSteps, "Must be at least 1.");
        if (nMinTrials < 1) throw new ArgumentOutOfRangeException(nameof(nMinTrials), nMinTrials, "Must be at least 1.");
        Percentile = percentile;
        NStartupTrials = nStartupTrials;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
        NMinTrials = nMinTrials;
    }

    /// <summary>The percentile (0–100) of the other trials' values a trial must be at least as good as.</summary>
    public double Percentile { get; }

    /// <summary>Complete trials needed before anything is pruned.</summary>
    public int NStartupTrials { get; }

    /// <summary>Steps of each trial that are never pruned.</summary>
    public int NWarmupSteps { get; }

    /// <summary>How often (in steps) a trial is judged.</summary>
    public int IntervalSteps { get; }

    /// <summary>Complete trials that must have reported the step.</summary>
    public int NMinTrials { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        var complete = study.GetTrials(TrialState.Complete);
        if (complete.Count == 0 || complete.Count < NStartupTrials) return false;
        if (trial.LastStep is not { } step || step < NWarmupSteps) return false;
        if (!PrunerSteps.IsFirstInInterval(step, trial.IntermediateValues.Keys, NWarmupSteps, IntervalSteps)) return false;
        var direction = study.Direction;
        var best = PrunerSteps.BestIntermediate(trial, direction);
        if (double.IsNaN(best)) return true;
        var values = new List<double>();
        foreach (var t in complete)
        {
            if (t.IntermediateValues.TryGetValue(step, out var v)) values.Add(v);
        }
        if (values.Count < NMinTrials) return false;
        var p = PrunerSteps.NanPercentile(values, direction == StudyDirection.Maximize ? 100 - Percentile : Percentile);
        if (double.IsNaN(p)) return false;
        return direction == StudyDirection.Maximize ? best < p : best > p;
    }
}
