namespace AIMass.Grains.Studies;

/// <summary>The study's answer to a trial's per-epoch report.</summary>
public enum EpochVerdict
{
    /// <summary>Keep training.</summary>
    Continue = 0,

    /// <summary>The pruner stopped the trial: it ends as Pruned.</summary>
    Prune = 1,

    /// <summary>The study's budget is spent: stop now and keep the model as trained so far.</summary>
    Finish = 2,

    /// <summary>The study was cancelled or paused, or the lease is no longer valid: abandon the trial.</summary>
    Abandon = 3,
}
