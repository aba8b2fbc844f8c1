using AIMass.Grains.Studies;

namespace AIMass.Grains.Tenants;

/// <summary>
/// Cuts a study's summary down to what a study-list row needs, so a tenant's index stays bounded: no search space,
/// no scenarios, no transient activity, and long strings capped.
/// </summary>
public static class StudyListRow
{
    public const int MaxStringLength = 200;

    public static StudyInfo From(StudyInfo info) => info with
    {
        Spec = info.Spec with
        {
            Name = Cap(info.Spec.Name)!,
            DatasetId = Cap(info.Spec.DatasetId)!,
            Target = Cap(info.Spec.Target)!,
            SearchSpace = null,
            Scenarios = [],
        },
        StatusReason = Cap(info.StatusReason),
        Task = Cap(info.Task)!,
        Metric = Cap(info.Metric)!,
        Phase = Cap(info.Phase)!,
        SearchSpace = null,
        Activity = null,
    };

    /// <summary>Whether a list row would show something different (times and compute-seconds aside).</summary>
    public static bool Differs(StudyInfo? shown, StudyInfo now) =>
        shown is null
        || shown.Status != now.Status || shown.Phase != now.Phase || shown.StatusReason != now.StatusReason
        || shown.TrialsQueued != now.TrialsQueued || shown.TrialsRunning != now.TrialsRunning
        || shown.TrialsComplete != now.TrialsComplete || shown.TrialsPruned != now.TrialsPruned
        || shown.TrialsFailed != now.TrialsFailed || shown.BestValue != now.BestValue || shown.BestTrial != now.BestTrial;

    private static string? Cap(string? value) =>
        value is { Length: > MaxStringLength } ? value[..MaxStringLength] : value;
}
