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
}
