namespace AIMass.Training.Models.Host;

/// <summary>
/// A model fitted and scored on the host, without TorchSharp: boosted trees, forests, linear models, neighbours. It
/// reads row-major encoded features (the preprocessing's output) and answers class probabilities (row-major
/// <c>[count, classes]</c>, each row summing to 1) or standardised values (<c>[count]</c>), the same meaning as a
/// network's outputs after the softmax. Scoring must be thread-safe and deterministic.
/// </summary>
internal interface IHostModel
{
    /// <summary>The family name (<c>gbdt</c>, <c>rf</c>, ...).</summary>
    string Family { get; }

    /// <summary>Learned numbers (split thresholds and leaf values, coefficients, or stored rows times features).</summary>
    long ParameterCount { get; }

    /// <summary>Probabilities or standardised values for <paramref name="count"/> rows of features.</summary>
    float[] Score(float[] features, int count);

    /// <summary>The model's bytes, readable by the family's <c>Load</c> (see <see cref="HostModels.Load"/>).</summary>
    byte[] Save();
}
