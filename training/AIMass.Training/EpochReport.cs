namespace AIMass.Training;

/// <summary>
/// One finished epoch: its number (1-based), the mean training loss over its batches, and the validation
/// selection metric (<paramref name="MetricName"/>: <c>accuracy</c> or <c>r2</c>, higher is better) after it.
/// </summary>
public sealed record EpochReport(int Epoch, double TrainLoss, double ValidationScore, string MetricName);
