using AIMass.Grains.Datasets;

namespace AIMass.Grains.Studies;

/// <summary>Persistent state of a study grain: its spec, lifecycle, optimizer snapshot and trials.</summary>
[GenerateSerializer, Alias("aimass.study-state")]
public sealed class StudyState
{
    [Id(0)] public StudySpec? Spec { get; set; }
    [Id(1)] public StudyStatus Status { get; set; }
    [Id(2)] public string? StatusReason { get; set; }
    [Id(3)] public DateTimeOffset CreatedUtc { get; set; }
    [Id(4)] public DateTimeOffset? FinishedUtc { get; set; }
    [Id(5)] public string Task { get; set; } = "";
    [Id(6)] public string Metric { get; set; } = "";
    [Id(7)] public int DatasetVersion { get; set; }
    [Id(8)] public string DatasetArtifactPath { get; set; } = "";
    [Id(9)] public ImageShape? Image { get; set; }
    [Id(10)] public SearchSpace Space { get; set; } = new();
    [Id(11)] public ScenarioSpec[] Scenarios { get; set; } = [];

    /// <summary>The optimization core's full state (JSON of its snapshot).</summary>
    [Id(12)] public string OptimizerSnapshot { get; set; } = "";
    [Id(13)] public SortedDictionary<int, TrialSummary> Trials { get; set; } = [];

    /// <summary>Seconds spent running before <see cref="RunningSinceUtc"/> (paused time excluded).</summary>
    [Id(14)] public double ActiveSeconds { get; set; }
    [Id(15)] public DateTimeOffset? RunningSinceUtc { get; set; }
    [Id(16)] public double ComputeSeconds { get; set; }

    /// <summary>No new search trials are asked for (a budget is spent).</summary>
    [Id(17)] public bool SearchClosed { get; set; }
    [Id(18)] public string Phase { get; set; } = "search";
    [Id(19)] public int WarmStartTrials { get; set; }
    [Id(20)] public int DatasetRows { get; set; }
    [Id(21)] public Dictionary<string, double> MetaFeatures { get; set; } = [];
    [Id(22)] public ColumnInfo[] DatasetSchema { get; set; } = [];

    /// <summary>Warm-start configurations not yet asked (adapted to the space), in order.</summary>
    [Id(24)] public List<Dictionary<string, string>> PendingWarmStarts { get; set; } = [];

    /// <summary>Nearest earlier tasks the warm start came from.</summary>
    [Id(25)] public string[] WarmStartNeighbours { get; set; } = [];

    /// <summary>Whether what this study learns may warm-start other tenants (the tenant's setting at creation).</summary>
    [Id(26)] public bool ShareKnowledge { get; set; }

    /// <summary>The distillation stage, per scenario that needed students.</summary>
    [Id(23)] public Dictionary<string, Distillation.DistillationState> Distillations { get; set; } = [];

    /// <summary>Folds of cross-validation every search trial uses; 0 for a holdout split (chosen at creation from the data's size).</summary>
    [Id(27)] public int Folds { get; set; }

    /// <summary>Repetitions of the cross-validation.</summary>
    [Id(32)] public int Repeats { get; set; } = 1;

    /// <summary>Share of the data set's rows held out as internal test rows (never trained on or selected with).</summary>
    [Id(28)] public double TestFraction { get; set; } = 0.2;

    /// <summary>The ensemble trial's number, once the ensemble stage has started.</summary>
    [Id(29)] public int? EnsembleTrial { get; set; }

    /// <summary>The trials the ensemble selects from.</summary>
    [Id(30)] public List<int> EnsembleCandidates { get; set; } = [];

    /// <summary>Default configurations not yet asked, tried before anything else (tabular studies with the default space).</summary>
    [Id(31)] public List<Dictionary<string, string>> PendingPortfolio { get; set; } = [];

    /// <summary>The data shape and tenant limits each proposed trial is admitted against (null for studies made before admission).</summary>
    [Id(33)] public Admission.AdmissionLimits? Admission { get; set; }

    /// <summary>
    /// Stored pages of trials (<see cref="Persistence.StudyTrialPages"/>): when above 0, <see cref="Trials"/> and the
    /// optimizer's trials are stored in pages, not in this record. 0: a study stored before pages (all in this record).
    /// </summary>
    [Id(34)] public int TrialPages { get; set; }

    /// <summary>Why no new trial is proposed: a model did not fit the tenant's storage quota (null: none held).</summary>
    [Id(35)] public string? StorageHold { get; set; }

    /// <summary>The size of the model that did not fit: trials are proposed again once this many bytes are free.</summary>
    [Id(36)] public long StorageHoldBytes { get; set; }

    /// <summary>This state without its trials, with <paramref name="optimizerHeader"/> (the optimizer's snapshot without trials) instead of the full one.</summary>
    internal StudyState HeaderOnly(string optimizerHeader, int trialPages)
    {
        var header = (StudyState)MemberwiseClone();
        header.Trials = [];
        header.OptimizerSnapshot = optimizerHeader;
        header.TrialPages = trialPages;
        return header;
    }
}
