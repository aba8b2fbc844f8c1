using System.Globalization;

namespace AIMass.Optimization.Pruners;

/// <summary>
/// Asynchronous successive halving (ASHA). Rung r is reached at step minResource · η^(s + r) (s = the minimum
/// early-stopping rate); a trial reaching a rung records its value there (system attribute
/// <c>completed_rung_r</c>) and continues only if it is in the top 1/η of the values recorded at that rung so far.
/// With <c>minResource</c> null it is estimated once as max(1, last step of the first complete trials / 100) and
/// kept in the study's system attributes.
/// </summary>
public sealed class SuccessiveHalvingPruner : IPruner
{
    internal const string MinResourceKey = "successive_halving:min_resource";
    private const string RungKeyPrefix = "completed_rung_";

    /// <summary>Creates the pruner; throws <see cref="ArgumentOutOfRangeException"/> for out-of-range settings.</summary>
    public SuccessiveHalvingPruner(int? minResource = null, int reductionFactor = 4, int minEarlyStoppingRate = 0, int bootstrapCount = 0)
    {
        if (minResource is < 1) throw new ArgumentOutOfRangeException(nameof(minResource), minResource, "Must be at least 1 (or null for auto).");
        if (reductionFactor < 2) throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "Must be at least 2.");
        if (minEarlyStoppingRate < 0) throw new ArgumentOutOfRangeException(nameof(minEarlyStoppingRate), minEarlyStoppingRate, "Must not be negative.");
        if (bootstrapCount < 0) throw new ArgumentOutOfRangeException(nameof(bootstrapCount), bootstrapCount, "Must not be negative.");
        if (bootstrapCount > 0 && minResource is null)
        {
            throw new ArgumentException("bootstrapCount needs an explicit minResource.", nameof(bootstrapCount));
        }
        MinResource = minResource;
        ReductionFactor = reductionFactor;
        MinEarlyStoppingRate = minEarlyStoppingRate;
        BootstrapCount = bootstrapCount;
    }

    /// <summary>The first rung's step, or null to estimate it.</summary>
    public int? MinResource { get; }

    /// <summary>η: the fraction 1/η of trials that go on at each rung.</summary>
    public int ReductionFactor { get; }

    /// <summary>s: rungs skipped at the start.</summary>
    public int MinEarlyStoppingRate { get; }

    /// <summary>Values needed at a rung before any trial can be promoted past it.</summary>
    public int BootstrapCount { get; }

    /// <summary>The system attribute key of rung <paramref name="rung"/>.</summary>
    public static string RungKey(int rung) => RungKeyPrefix + rung.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        var minResource = MinResource ?? EstimateMinResource(study);
        if (minResource is null) return false;
        return PruneCore(study, trial, minResource.Value, ReductionFactor, MinEarlyStoppingRate, BootstrapCount, study.Trials);
    }

    /// <summary>The rule itself, over a given set of competing trials (Hyperband passes one bracket's).</summary>
    internal static bool PruneCore(Study study, FrozenTrial trial, int minResource, int eta, int minEarlyStoppingRate, int bootstrapCount,
        IReadOnlyList<FrozenTrial> trials)
    {
        if (trial.LastStep is not { } step) return false;
        var rung = 0;
        while (trial.SystemAttributes.ContainsKey(RungKey(rung))) rung++;
        var value = trial.IntermediateValues[step];
        while (true)
        {
            var promotionStep = minResource * Math.Pow(eta, minEarlyStoppingRate + rung);
            if (step < promotionStep) return false;
            if (double.IsNaN(value)) return true;
            var key = RungKey(rung);
            study.SetTrialSystemAttribute(trial.Number, key, value);
            var competing = new List<double>();
            foreach (var t in trials)
            {
                if (t.Number != trial.Number && t.SystemAttributes.TryGetValue(key, out var v) && v is double d) competing.Add(d);
            }
            competing.Add(value);
            if (competing.Count <= bootstrapCount) return true;
            if (!IsPromotable(value, competing, eta, study.Direction)) return true;
            rung++;
        }
    }

    private static bool IsPromotable(double value, List<double> competing, int eta, StudyDirection direction)
    {
        var index = competing.Count / eta - 1;
        if (index == -1) index = 0; // The first η − 1 trials go on only if they are the best so far.
        competing.Sort();
        return direction == StudyDirection.Maximize ? value >= competing[^(index + 1)] : value <= competing[index];
    }

    private static int? EstimateMinResource(Study study)
    {
        if (study.SystemAttributes.TryGetValue(MinResourceKey, out var stored) && stored is int known) return known;
        var last = -1;
        foreach (var t in study.GetTrials(TrialState.Complete))
        {
            if (t.LastStep is { } s) last = Math.Max(last, s);
        }
        if (last < 0) return null;
        var estimate = Math.Max(last / 100, 1);
        study.SetSystemAttribute(MinResourceKey, estimate);
        return estimate;
    }
}
