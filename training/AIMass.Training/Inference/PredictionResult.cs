namespace AIMass.Training.Inference;

/// <summary>Predictions for a batch of rows, in input order.</summary>
public sealed record PredictionResult(TaskKind Task, IReadOnlyList<string> Classes, IReadOnlyList<RowPrediction> Rows);
