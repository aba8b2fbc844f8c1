namespace AIMass.Optimization.MetaLearning;

/// <summary>
/// What <see cref="WarmStartAdvisor.Propose"/> suggests for a new task: distinct configurations to try first, in the
/// order to try them, and the neighbour tasks they were drawn from.
/// </summary>
public sealed record WarmStartProposal
{
    /// <summary>An empty proposal (no usable knowledge).</summary>
    public static WarmStartProposal Empty { get; } = new() { Configurations = [], SourceTaskIds = [], Neighbours = [] };

    /// <summary>Distinct parameter dictionaries (invariant text values), best first.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, string>> Configurations { get; init; }

    /// <summary>For each entry of <see cref="Configurations"/>, the id of the task it won on.</summary>
    public required IReadOnlyList<string> SourceTaskIds { get; init; }

    /// <summary>The neighbours consulted, nearest first.</summary>
    public required IReadOnlyList<NeighbourTask> Neighbours { get; init; }
}
