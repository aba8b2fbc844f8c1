using AIMass.Grains.Studies;

namespace AIMass.Grains.Trials;

/// <summary>Persistent state of a trial grain.</summary>
[GenerateSerializer, Alias("aimass.trial-grain-state")]
public sealed class TrialGrainState
{
    [Id(0)] public TrialJob? Job { get; set; }
    [Id(1)] public TrialSummary Summary { get; set; } = new();
    [Id(2)] public TrialLease? Lease { get; set; }

    /// <summary>Runs started that count against the retry limit (hand-backs do not).</summary>
    [Id(3)] public int Attempts { get; set; }
    [Id(4)] public List<string> History { get; set; } = [];
    [Id(5)] public string? CancelReason { get; set; }

    /// <summary>Withdrawn from the queue while the study is paused.</summary>
    [Id(6)] public bool Held { get; set; }

    /// <summary>
    /// The trial's end is stored but its study has not acknowledged it yet (nor the scheduler freed its place): it is
    /// told again until it does, so a crash or a failed call between the two never leaves the study waiting. Its clearing
    /// is not written on its own (only with a later write), so a stored true may also mean "told, not yet noted".
    /// </summary>
    [Id(7)] public bool StudyUntold { get; set; }
}
