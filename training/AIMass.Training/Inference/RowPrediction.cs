namespace AIMass.Training.Inference;

/// <summary>
/// The prediction for one row: for classification the label (original text, e.g. <c>setosa</c>) and the
/// probability of every class; for regression the value in the target's original units.
/// </summary>
public sealed record RowPrediction(string? Label, double? Value, IReadOnlyDictionary<string, double>? Probabilities);
