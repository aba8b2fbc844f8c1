namespace AIMass.Optimization;

/// <summary>
/// Proposes parameter values (Optuna's three-method contract). A sampler keeps no state of its own: what must
/// survive lives in the study (trial and study system attributes), and its randomness is derived from its seed and
/// the trial number, so a study restored from a snapshot continues exactly as the original would.
/// All values are in internal form (see <see cref="Distribution"/>).
/// </summary>
public interface ISampler
{
    /// <summary>The parameters to sample jointly for <paramref name="trial"/> (empty for independent samplers).</summary>
    IReadOnlyDictionary<string, Distribution> InferRelativeSearchSpace(Study study, FrozenTrial trial);

    /// <summary>Joint values for (a subset of) <paramref name="searchSpace"/>; parameters left out are sampled independently.</summary>
    IReadOnlyDictionary<string, double> SampleRelative(Study study, FrozenTrial trial, IReadOnlyDictionary<string, Distribution> searchSpace);

    /// <summary>A value for one parameter outside the relative search space.</summary>
    double SampleIndependent(Study study, FrozenTrial trial, string paramName, Distribution distribution);

    /// <summary>Called when a trial starts, before relative sampling.</summary>
    void BeforeTrial(Study study, FrozenTrial trial) { }

    /// <summary>Called when a trial is told, before its final state is stored.</summary>
    void AfterTrial(Study study, FrozenTrial trial, TrialState state, IReadOnlyList<double>? values) { }
}
