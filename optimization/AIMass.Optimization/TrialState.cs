namespace AIMass.Optimization;

/// <summary>The life-cycle state of a trial.</summary>
public enum TrialState
{
    /// <summary>Asked and not yet told.</summary>
    Running,

    /// <summary>Finished with objective values.</summary>
    Complete,

    /// <summary>Stopped early by a pruner (or by the objective throwing <see cref="TrialPrunedException"/>).</summary>
    Pruned,

    /// <summary>Failed: the objective threw, or returned NaN.</summary>
    Fail,

    /// <summary>Enqueued with fixed parameters and not yet asked.</summary>
    Waiting,
}
