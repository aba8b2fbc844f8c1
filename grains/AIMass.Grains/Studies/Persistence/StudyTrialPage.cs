namespace AIMass.Grains.Studies.Persistence;

/// <summary>One stored page of a study's trials: their summaries and the optimizer's record of them.</summary>
[GenerateSerializer]
public sealed class StudyTrialPage
{
    /// <summary>The study's trials numbered in this page's range.</summary>
    [Id(0)] public SortedDictionary<int, TrialSummary> Trials { get; set; } = [];

    /// <summary>The optimizer's snapshot holding only its trials numbered in this page's range (JSON).</summary>
    [Id(1)] public string Optimizer { get; set; } = "";

    /// <summary>Trials per page in this study's pages (all its pages have the same); 0 in pages stored before it was recorded (256).</summary>
    [Id(2)] public int PageSize { get; set; }
}
