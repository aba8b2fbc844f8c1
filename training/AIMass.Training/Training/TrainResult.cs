namespace AIMass.Training.Training;

/// <summary>What the training loop did: epochs run, why it stopped, the curve, and the best epoch (whose weights the model holds).</summary>
internal sealed record TrainResult(
    int EpochsRun,
    bool StoppedByCallback,
    bool StoppedEarly,
    bool Diverged,
    IReadOnlyList<EpochReport> Curve,
    double BestScore,
    int BestEpoch);
