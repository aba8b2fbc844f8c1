namespace AIMass.Optimization.Pruners;

/// <summary>
/// Waits for <see cref="Patience"/> steps without improvement (by more than <see cref="MinDelta"/>) before it lets
/// the wrapped pruner decide (or prunes itself when there is none).
/// </summary>
public sealed class PatientPruner : IPruner
{
    /// <summary>Creates the pruner; <paramref name="wrapped"/> may be null.</summary>
    public PatientPruner(IPruner? wrapped, int patience, double minDelta = 0)
    {
        if (patience < 0) throw new ArgumentOutOfRangeException(nameof(patience), patience, "Must not be negative.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "Must not be negative.");
        Wrapped = wrapped;
        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>The pruner asked once patience runs out (null: prune then).</summary>
    public IPruner? Wrapped { get; }

    /// <summary>Steps without improvement tolerated.</summary>
    public int Patience { get; }

    /// <summary>The improvement that counts.</summary>
    public double MinDelta { get; }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        if (trial.LastStep is null) return false;
        var steps = trial.IntermediateValues.Keys.ToArray();
        if (steps.Length <= Patience + 1) return false;
        Array.Sort(steps);
        var split = steps.Length - Patience - 1;
        var minimize = study.Direction == StudyDirection.Minimize;
        var before = Best(trial, steps.AsSpan(0, split), minimize);
        var after = Best(trial, steps.AsSpan(split), minimize);
        var stalled = minimize ? before + MinDelta < after : before - MinDelta > after;
        if (!stalled) return false;
        return Wrapped?.Prune(study, trial) ?? true;
    }

    private static double Best(FrozenTrial trial, ReadOnlySpan<int> steps, bool minimize)
    {
        var best = double.NaN;
        foreach (var s in steps)
        {
            var v = trial.IntermediateValues[s];
            if (double.IsNaN(v)) continue;
            if (double.IsNaN(best) || (minimize ? v < best : v > best)) best = v;
        }
        return best;
    }
}
