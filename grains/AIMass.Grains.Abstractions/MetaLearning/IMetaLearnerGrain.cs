using AIMass.Grains.Security;

namespace AIMass.Grains.MetaLearning;

/// <summary>
/// The meta-learner (a single grain, key <see cref="Key"/>): a knowledge base of which configurations won on
/// which data (meta-features and configurations only, never data), seeded by a prior shipped with the service
/// and grown by every completed study; it proposes warm-start configurations for new studies.
/// </summary>
public interface IMetaLearnerGrain : IGrainWithStringKey
{
    public const string Key = "global";

    /// <summary>Configurations from the nearest earlier data sets the tenant may learn from.</summary>
    [SystemOnly]
    Task<WarmStartAdvice> AdviseAsync(WarmStartQuery query);

    /// <summary>Adds (or replaces) what a finished study learned.</summary>
    [SystemOnly]
    Task RecordAsync(StudyKnowledge knowledge);

    /// <summary>Entries and tasks in the knowledge base.</summary>
    [AdminOnly]
    Task<KnowledgeSummary> GetSummaryAsync();
}
