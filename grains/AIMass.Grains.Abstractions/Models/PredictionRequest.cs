namespace AIMass.Grains.Models;

/// <summary>Rows to predict, as column name to raw text value (as in the training CSV).</summary>
[GenerateSerializer, Immutable, Alias("aimass.prediction-request")]
public sealed record PredictionRequest
{
    [Id(0)] public Dictionary<string, string?>[] Rows { get; init; } = [];
}
