namespace AIMass.Grains.Studies.Persistence;

/// <summary>One stored page of a study's trials: their summaries and the optimizer's record of them.</summary>
[GenerateSerializer]
public sealed class StudyTrialPage
{
    /// <summary>The study's trials numbered in this page's range.</summary>
    [Id(0)] public SortedDictionary<int, TrialSummary> Trials { get; set; } = [];

    /// <summary>The optimizer's snapshot holding only its trials numbered in this page's range (JSON).</summary>
    [Id(1)] public string Optimizer { get; set; } = "";
}
