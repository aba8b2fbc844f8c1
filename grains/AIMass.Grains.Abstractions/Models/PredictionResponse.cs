namespace AIMass.Grains.Models;

/// <summary>Predictions in request order, with the model that made them.</summary>
[GenerateSerializer, Immutable, Alias("aimass.prediction-response")]
public sealed record PredictionResponse
{
    [Id(0)] public required string ModelId { get; init; }
    [Id(1)] public required string Target { get; init; }
    [Id(2)] public required string Task { get; init; }
    [Id(3)] public PredictionRow[] Rows { get; init; } = [];
}
