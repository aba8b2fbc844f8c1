namespace AIMass.Training.Training;

/// <summary>What <see cref="JobContext.Finish"/> needs of a trained model, whatever its kind (network or trees).</summary>
/// <param name="Family">The family name.</param>
/// <param name="ParameterCount">Trainable parameters (or the trees' equivalent).</param>
/// <param name="EmbeddingSize">Width of the penultimate embedding; 0 when the model has none.</param>
/// <param name="Outputs">Probabilities (row-major) or standardised values for every row of a split.</param>
/// <param name="MeasureLatency">Milliseconds per row at batch 1 and at batch 256.</param>
/// <param name="Weights">The weights entry of the artifact.</param>
internal sealed record FinishedModel(
    string Family,
    long ParameterCount,
    int EmbeddingSize,
    Func<EncodedRows, float[]> Outputs,
    Func<(double Batch1, double Batch256)> MeasureLatency,
    Func<byte[]> Weights);
