namespace AIMass.Optimization.Pruners;

/// <summary>Never prunes.</summary>
public sealed class NopPruner : IPruner
{
    /// <inheritdoc />
    public bool Prune(Study study, FrozenTrial trial) => false;
}
