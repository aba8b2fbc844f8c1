using AIMass.Training.Models;

namespace AIMass.Training.Training;

/// <summary>A model <see cref="ModelFitter"/> trained on one split: what to score and pack, and how training went.</summary>
internal sealed class FittedModel(FinishedModel finished, TrainResult result, NetworkModel? network) : IDisposable
{
    public FinishedModel Finished { get; } = finished;
    public TrainResult Result { get; } = result;

    /// <summary>The network, for neural families (null for host models).</summary>
    public NetworkModel? Network { get; } = network;

    public void Dispose() => Network?.Dispose();
}
