namespace AIMass.Optimization.Pruners;

/// <summary>Prunes a trial whose best intermediate value is worse than the median of the complete trials at the same step.</summary>
public sealed class MedianPruner(int nStartupTrials = 5, int nWarmupSteps = 0, int intervalSteps = 1, int nMinTrials = 1)
    : PercentilePruner(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
