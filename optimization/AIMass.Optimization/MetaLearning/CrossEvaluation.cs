namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// One configuration found on another task (one of that task's best) and trained on this entry's task by the build of
/// the prior: how well a configuration transfers. The advisor uses these scores to pick warm-start configurations that
/// do well across the neighbours of a new task, not just on the one task they came from.
/// </summary>
public sealed record CrossEvaluation
{
    /// <summary>The task the configuration was found on (its <see cref="KnowledgeEntry.TaskId"/>; same owner as this entry).</summary>
    public required string SourceTaskId { get; init; }

    /// <summary>The configuration as it was found on the source task (invariant text values), before it was fitted to
    /// this task's search space; <see cref="KnowledgeEntry.ParameterKey"/> of it identifies the configuration.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The validation score it reached on this entry's task (the entry's metric, higher is better).</summary>
    public required double Score { get; init; }
}
