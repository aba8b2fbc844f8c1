using AIMass.Grains.Studies;

namespace AIMass.Grains.Models;

/// <summary>A trained model: its trial, measurements, input columns and where its artifact is.</summary>
[GenerateSerializer, Immutable, Alias("aimass.model-info")]
public sealed record ModelInfo
{
    /// <summary><c>{tenant}/{study}/{trial}</c>.</summary>
    [Id(0)] public required string ModelId { get; init; }
    [Id(1)] public required TrialSummary Trial { get; init; }
    [Id(2)] public required string Target { get; init; }
    [Id(3)] public required string Task { get; init; }
    [Id(4)] public string[] InputColumns { get; init; } = [];
    [Id(5)] public string[] Classes { get; init; } = [];
}
