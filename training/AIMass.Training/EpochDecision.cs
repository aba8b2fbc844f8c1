namespace AIMass.Training;

/// <summary>The answer of an epoch callback: go on, or stop now (a pruner's verdict).</summary>
public enum EpochDecision
{
    /// <summary>Keep training.</summary>
    Continue,

    /// <summary>Stop after this epoch; the outcome says <see cref="TrainingOutcome.StoppedByCallback"/>.</summary>
    Stop,
}
