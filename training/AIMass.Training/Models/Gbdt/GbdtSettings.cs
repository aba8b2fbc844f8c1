using AIMass.Training.Configuration;

namespace AIMass.Training.Models.Gbdt;

/// <summary>The <c>gbdt</c> family's options (see <see cref="Hyperparameters.Trees"/>, <see cref="Hyperparameters.Leaves"/>,
/// <see cref="Hyperparameters.MinLeaf"/>, <see cref="Hyperparameters.LearningRate"/>,
/// <see cref="Hyperparameters.FeatureFraction"/>, <see cref="Hyperparameters.L2"/>).</summary>
internal sealed record GbdtSettings(int Trees, int Leaves, int MinLeaf, double LearningRate, double FeatureFraction, double L2)
{
    public static GbdtSettings Read(HyperparameterReader hp) => new(
        hp.Int(Hyperparameters.Trees, 200, 1, 10_000),
        hp.Int(Hyperparameters.Leaves, 31, 2, 4096),
        hp.Int(Hyperparameters.MinLeaf, 10, 1, 100_000),
        hp.Has(Hyperparameters.Shrinkage) ? hp.Double(Hyperparameters.Shrinkage, 0.1, 1e-4, 1) : hp.Double(Hyperparameters.LearningRate, 0.1, 1e-4, 1),
        hp.Double(Hyperparameters.FeatureFraction, 1, 0.05, 1),
        hp.Double(Hyperparameters.L2, 0.01, 0, 1000));
}
