using AIMass.Training.Configuration;

namespace AIMass.Training.Models.Forest;

/// <summary>The <c>rf</c> and <c>et</c> families' options (see <see cref="Hyperparameters.Trees"/>,
/// <see cref="Hyperparameters.MaxFeatures"/>, <see cref="Hyperparameters.MinLeaf"/>, <see cref="Hyperparameters.MaxDepth"/>).</summary>
/// <param name="Trees">Trees in the forest.</param>
/// <param name="MaxFeatures">Share of the features tried at each split, in (0, 1].</param>
/// <param name="MinLeaf">The fewest training rows in a leaf.</param>
/// <param name="MaxDepth">The deepest a tree may grow; 0 = no limit.</param>
internal sealed record ForestSettings(int Trees, double MaxFeatures, int MinLeaf, int MaxDepth)
{
    /// <summary>
    /// Reads the options. The default feature share is scikit-learn's: <c>sqrt(features) / features</c> for
    /// classification and every feature (1.0) for regression.
    /// </summary>
    public static ForestSettings Read(HyperparameterReader hp, TaskKind task, int featureCount)
    {
        var share = task == TaskKind.Classification && featureCount > 0 ? Math.Sqrt(featureCount) / featureCount : 1.0;
        return new(
            hp.Int(Hyperparameters.Trees, 200, 1, 2000),
            hp.Double(Hyperparameters.MaxFeatures, Math.Min(1.0, share), 1e-9, 1),
            hp.Int(Hyperparameters.MinLeaf, 1, 1, 100_000),
            hp.Int(Hyperparameters.MaxDepth, 0, 0, 64));
    }

    /// <summary>Features tried at each split: <c>max(1, floor(share x features))</c>, as scikit-learn counts them.</summary>
    public int FeaturesPerSplit(int featureCount) =>
        Math.Clamp((int)Math.Floor(MaxFeatures * featureCount + 1e-9), 1, Math.Max(1, featureCount));
}
