using System.Text;

namespace AIMass.Optimization.Pruners;

/// <summary>
/// Hyperband: several successive-halving brackets with growing minimum early-stopping rates; each trial belongs to
/// one bracket (by a CRC-32 of "{study name}_{trial number}", weighted by the brackets' budgets, as Optuna does)
/// and competes only with its bracket. With <c>maxResource</c> null it is estimated once from the first complete
/// trials' last step + 1 and kept in the study's system attributes.
/// </summary>
public sealed class HyperbandPruner : IPruner
{
    internal const string MaxResourceKey = "hyperband:max_resource";

    /// <summary>Creates the pruner; throws <see cref="ArgumentOutOfRangeException"/> for out-of-range settings.</summary>
    public HyperbandPruner(int minResource = 1, int? maxResource = null, int reductionFactor = 3, int bootstrapCount = 0)
    {
        if (minResource < 1) throw new ArgumentOutOfRangeException(nameof(minResource), minResource, "Must be at least 1.");
        if (maxResource is { } max && max < minResource)
        {
            throw new ArgumentOutOfRangeException(nameof(maxResource), maxResource, "Must be at least minResource.");
        }
        if (reductionFactor < 2) throw new ArgumentOutOfRangeException(nameof(reductionFactor), reductionFactor, "Must be at least 2.");
        if (bootstrapCount < 0) throw new ArgumentOutOfRangeException(nameof(bootstrapCount), bootstrapCount, "Must not be negative.");
        MinResource = minResource;
        MaxResource = maxResource;
        ReductionFactor = reductionFactor;
        BootstrapCount = bootstrapCount;
    }

    /// <summary>The first rung's step.</summary>
    public int MinResource { get; }

    /// <summary>The most steps a trial runs, or null to estimate it.</summary>
    public int? MaxResource { get; }

    /// <summary>η of every bracket.</summary>
    public int ReductionFactor { get; }

    /// <summary>Bootstrap count of every bracket.</summary>
    public int BootstrapCount { get; }

    /// <summary>The number of brackets for a maximum resource.</summary>
    public int BracketCount(int maxResource) =>
        (int)Math.Floor(Math.Log((double)maxResource / MinResource) / Math.Log(ReductionFactor) + 1e-9) + 1;

    /// <summary>The bracket of trial <paramref name="trialNumber"/> (0 = most aggressive).</summary>
    public int BracketOf(string studyName, int trialNumber, int maxResource)
    {
        var brackets = BracketCount(maxResource);
        var budgets = new int[brackets];
        var total = 0;
        for (var i = 0; i < brackets; i++)
        {
            var s = brackets - 1 - i;
            budgets[i] = (int)Math.Ceiling(brackets * Math.Pow(ReductionFactor, s) / (s + 1));
            total += budgets[i];
        }
        var n = (long)(Crc32.Compute(Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}")) % (uint)total);
        for (var i = 0; i < brackets; i++)
        {
            n -= budgets[i];
            if (n < 0) return i;
        }
        return brackets - 1;
    }

    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial)
    {
        var maxResource = MaxResource ?? EstimateMaxResource(study);
        if (maxResource is null) return false;
        var bracket = BracketOf(study.StudyName, trial.Number, maxResource.Value);
        var peers = new List<FrozenTrial>();
        foreach (var t in study.Trials)
        {
            if (BracketOf(study.StudyName, t.Number, maxResource.Value) == bracket) peers.Add(t);
        }
        return SuccessiveHalvingPruner.PruneCore(study, trial, MinResource, ReductionFactor, bracket, BootstrapCount, peers);
    }

    private static int? EstimateMaxResource(Study study)
    {
        if (study.SystemAttributes.TryGetValue(MaxResourceKey, out var stored) && stored is int known) return known;
        var last = -1;
        foreach (var t in study.GetTrials(TrialState.Complete))
        {
            if (t.LastStep is { } s) last = Math.Max(last, s);
        }
        if (last < 0) return null;
        study.SetSystemAttribute(MaxResourceKey, last + 1);
        return last + 1;
    }
}
