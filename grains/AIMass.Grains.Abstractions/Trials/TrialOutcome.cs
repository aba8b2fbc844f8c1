namespace AIMass.Grains.Trials;

/// <summary>How a run ended, as reported by the worker.</summary>
public enum TrialOutcome
{
    Completed = 0,
    Pruned = 1,
    Failed = 2,

    /// <summary>The run was abandoned (study cancelled or paused, lease lost); nothing to record.</summary>
    Abandoned = 3,

    /// <summary>The worker gives the job back (drain, shutdown): it goes back to the queue without using an attempt.</summary>
    HandedBack = 4,

    /// <summary>
    /// The attempt's process died or stopped answering (a native fault, a kill): the trial runs again while attempts
    /// remain, then fails with <see cref="TrialResult.Error"/> as its reason.
    /// </summary>
    Crashed = 5,
}
