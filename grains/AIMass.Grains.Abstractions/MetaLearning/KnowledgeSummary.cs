namespace AIMass.Grains.MetaLearning;

/// <summary>The knowledge base at a glance, for admins.</summary>
[GenerateSerializer, Immutable, Alias("aimass.knowledge-summary")]
public sealed record KnowledgeSummary
{
    [Id(0)] public int PriorEntries { get; init; }
    [Id(1)] public int LearnedEntries { get; init; }
    [Id(2)] public int SharedEntries { get; init; }
    [Id(3)] public string[] Tasks { get; init; } = [];
}
