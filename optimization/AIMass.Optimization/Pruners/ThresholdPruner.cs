namespace AIMass.Optimization.Pruners;

/// <summary>Prunes a trial whose latest intermediate value is NaN or leaves [lower, upper] (after warm-up, once per interval).</summary>
public sealed class ThresholdPruner : IPruner
{
    /// <summary>Creates the pruner; at least one bound is needed and lower must not exceed upper.</summary>
    public ThresholdPruner(double? lower = null, double? upper = null, int nWarmupSteps = 0, int intervalSteps = 1)
    {
        if (lower is null && upper is null) throw new ArgumentException("Give a lower bound, an upper bound or both.", nameof(lower));
        if (lower is { } l && double.IsNaN(l)) throw new ArgumentException("The lower bound must not be NaN.", nameof(lower));
        if (upper is { } u && double.IsNaN(u)) throw new ArgumentException("The upper bound must not be NaN.", nameof(upper));
        if (lower > upper) throw new ArgumentException($"The lower bound {lower} is above the upper bound {upper}.", nameof(lower));
        if (nWarmupSteps < 0) throw new ArgumentOutOfRangeException(nameof(nWarmupSteps), nWarmupSteps, "Must not be negative.");
        if (intervalSteps < 1) throw new ArgumentOutOfRangeException(nameof(intervalSteps), intervalSteps, "Must be at least 1.");
        Lower = lower ?? double.NegativeInfinity;
        Upper = upper ?? double.PositiveInfinity;
        NWarmupSteps = nWarmupSteps;
        IntervalSteps = intervalSteps;
    }

    /// <summary>Values below this are pruned.</summary>
    public double Lower { get; }

    /// <summary>Values above this are pruned.</summary>
    public double Upper { get; }

    /// <summary>Steps of each trial that are never pruned.</summary>
    public int NWarmupSteps { get; }

    /// <summary>How often (in steps) a trial is judged.</summary>
    public int IntervalSteps { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        if (trial.LastStep is not { } step || step < NWarmupSteps) return false;
        if (!PrunerSteps.IsFirstInInterval(step, trial.IntermediateValues.Keys, NWarmupSteps, IntervalSteps)) return false;
        var latest = trial.IntermediateValues[step];
        return double.IsNaN(latest) || latest < Lower || latest > Upper;
    }
}
