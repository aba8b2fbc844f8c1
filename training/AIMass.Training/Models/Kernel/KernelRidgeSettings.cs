using AIMass.Training.Configuration;

namespace AIMass.Training.Models.Kernel;

/// <summary>The <c>krr</c> family's options (see <see cref="Hyperparameters.Alpha"/>, <see cref="Hyperparameters.Gamma"/>).</summary>
/// <param name="Alpha">The ridge added to the kernel matrix's diagonal, in [1e-6, 1e4]. Default 1.</param>
/// <param name="Gamma">
/// The RBF kernel's width as a multiple of <c>1 / features</c>: <c>k(x, y) = exp(-gamma / features * |x - y|^2)</c>, in
/// [1e-4, 1e3]. Default 1 (scikit-learn's <c>gamma='scale'</c> on standardised features).
/// </param>
internal sealed record KernelRidgeSettings(double Alpha, double Gamma)
{
    public static KernelRidgeSettings Read(HyperparameterReader hp) =>
        new(hp.Double(Hyperparameters.Alpha, 1, 1e-6, 1e4), hp.Double(Hyperparameters.Gamma, 1, 1e-4, 1e3));
}
