using AIMass.Training.Inference;

namespace AIMass.Grains.Models;

/// <summary>A loaded predictor held for one use: while any lease is alive, the cache does not dispose it.</summary>
public sealed class PredictorLease(Predictor predictor, Action release) : IDisposable
{
    private int _released;

    public Predictor Predictor { get; } = predictor;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) release();
    }
}
