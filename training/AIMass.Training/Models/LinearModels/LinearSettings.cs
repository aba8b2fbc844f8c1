using AIMass.Training.Configuration;

namespace AIMass.Training.Models.LinearModels;

/// <summary>The <c>linear</c> family's options (see <see cref="Hyperparameters.Alpha"/>).</summary>
/// <param name="Alpha">The L2 penalty: ridge's alpha, or the inverse of logistic regression's C.</param>
internal sealed record LinearSettings(double Alpha)
{
    public static LinearSettings Read(HyperparameterReader hp) => new(hp.Double(Hyperparameters.Alpha, 1, 1e-6, 1e6));
}
