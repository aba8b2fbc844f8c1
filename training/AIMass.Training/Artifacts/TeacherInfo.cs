namespace AIMass.Training.Artifacts;

/// <summary>
/// The teacher a distilled model learned from: <c>artifact</c> (a trained model of ours) or <c>soft-labels</c>
/// (given class probabilities, e.g. an ensemble's), with the teacher's family, size and scores when known.
/// </summary>
public sealed record TeacherInfo(
    string Source,
    string? Family,
    long? ParameterCount,
    string? MetricName,
    double? ValidationScore,
    IReadOnlyDictionary<string, double>? TestMetrics);
