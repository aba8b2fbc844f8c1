namespace AIMass.Grains.Studies;

/// <summary>Where a trial is in its execution.</summary>
public enum TrialStatus
{
    Queued = 0,
    Running = 1,
    Complete = 2,
    Pruned = 3,
    Failed = 4,
    Cancelled = 5,
}
