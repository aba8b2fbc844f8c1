namespace AIMass.Grains.Studies;

/// <summary>Why a trial exists: proposed by the search, warm-started from similar data, or a distilled student.</summary>
public enum TrialKind
{
    Search = 0,
    WarmStart = 1,
    Distillation = 2,

    /// <summary>A distilled student's architecture trained alone, to show what the teacher added.</summary>
    Control = 3,

    /// <summary>A weighted ensemble of the best trials, selected greedily on their out-of-fold predictions.</summary>
    Ensemble = 4,
}
