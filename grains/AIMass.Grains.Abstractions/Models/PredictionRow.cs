namespace AIMass.Grains.Models;

/// <summary>One prediction: a label (classification) or a value (regression), and class probabilities.</summary>
[GenerateSerializer, Immutable, Alias("aimass.prediction-row")]
public sealed record PredictionRow(
    [property: Id(0)] string? Label,
    [property: Id(1)] double? Value,
    [property: Id(2)] Dictionary<string, double>? Probabilities);
