namespace AIMass.Grains.Studies;

/// <summary>Lifecycle: Created -> Running -> (Paused) -> Completed | Cancelled | Failed.</summary>
public enum StudyStatus
{
    Created = 0,
    Running = 1,
    Paused = 2,
    Completed = 3,
    Cancelled = 4,
    Failed = 5,
}
