namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// One configuration that ran on a known task, with how well it did there.
/// </summary>
public sealed record KnownConfiguration
{
    /// <summary>The trial's parameters by name, as invariant text (the form the service stores trial parameters in:
    /// <c>"0.003"</c>, <c>"64"</c>, <c>"mlp"</c>, <c>"true"</c>).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The raw validation score (the task's selection metric, higher is better: accuracy or R²).</summary>
    public required double Score { get; init; }

    /// <summary>
    /// The score within its task on a 0..1 scale: <c>(score - worst) / (best - worst)</c> over the task's finished
    /// trials (1 when every trial scored the same). Comparable across tasks whose raw scores are not.
    /// </summary>
    public required double NormalizedScore { get; init; }
}
