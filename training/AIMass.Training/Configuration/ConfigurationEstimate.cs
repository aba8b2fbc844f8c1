namespace AIMass.Training.Configuration;

/// <summary>
/// What <see cref="ConfigurationCheck"/> found: the family, and where it can tell from the keys alone the model's
/// parameter count and an estimate of the trainer's peak memory during training (null where it cannot).
/// </summary>
public sealed record ConfigurationEstimate(string Family, long? Parameters, long? PeakMemoryBytes);
