using AIMass.Training.Configuration;
using AIMass.Training.Models.Forest;
using AIMass.Training.Models.Gbdt;
using AIMass.Training.Models.Kernel;
using AIMass.Training.Models.Knn;
using AIMass.Training.Models.LinearModels;

namespace AIMass.Training.Models.Host;

/// <summary>The host families by name: fitting one from hyperparameters, and loading one from an artifact's weights.</summary>
internal static class HostModels
{
    /// <summary>Whether <paramref name="family"/> is fitted on the host (see <see cref="Hyperparameters.HostFamilies"/>).</summary>
    public static bool IsHostFamily(string family) => Hyperparameters.HostFamilies.Contains(family);

    /// <summary>Fits the family on the rows; bad hyperparameters throw <see cref="ArgumentException"/> naming them.</summary>
    public static IHostModel Fit(string family, HostFitData data, HyperparameterReader hp) => family switch
    {
        "gbdt" => GbdtModel.Fit(data, hp),
        "rf" => ForestModel.Fit(data, hp, extra: false),
        "et" => ForestModel.Fit(data, hp, extra: true),
        "linear" => LinearModel.Fit(data, hp),
        "knn" => KnnModel.Fit(data, hp),
        "krr" => KernelRidgeModel.Fit(data, hp),
        _ => throw new ArgumentException($"'{family}' is not a host model family.", nameof(family)),
    };

    /// <summary>Reads a model written by <see cref="IHostModel.Save"/>.</summary>
    public static IHostModel Load(string family, byte[] bytes, HostModelShape shape) => family switch
    {
        "gbdt" => GbdtModel.Load(bytes, shape),
        "rf" => ForestModel.Load(bytes, shape, extra: false),
        "et" => ForestModel.Load(bytes, shape, extra: true),
        "linear" => LinearModel.Load(bytes, shape),
        "knn" => KnnModel.Load(bytes, shape),
        "krr" => KernelRidgeModel.Load(bytes, shape),
        _ => throw new InvalidDataException($"The artifact's family '{family}' is not a host model family."),
    };
}
