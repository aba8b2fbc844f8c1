namespace AIMass.Optimization;

/// <summary>
/// Decides whether a running trial should stop early, from its intermediate values and those of the study's other
/// trials. A pruner keeps no state of its own: what it must remember it writes into trial or study system attributes.
/// </summary>
public interface IPruner
{
    /// <summary>True when <paramref name="trial"/> (running, with its latest reports) should be pruned.</summary>
    bool Prune(Study study, FrozenTrial trial);
}
