using AIMass.Training.Data;
using AIMass.Training.Models;
using AIMass.Training.Models.Forest;
using AIMass.Training.Models.Gbdt;
using AIMass.Training.Models.Kernel;
using AIMass.Training.Models.Knn;
using AIMass.Training.Models.LinearModels;
using AIMass.Training.Training;

namespace AIMass.Training.Configuration;

/// <summary>
/// Reads a configuration as the trainer will, without data and without allocating a model: a key the trainer does not
/// know, a value out of its range or an unknown family throws <see cref="HyperparameterException"/> (or
/// <see cref="ArgumentException"/> for a rule between keys), and for the families whose size follows from their keys the
/// result estimates the parameters and the peak training memory, so that a service can refuse a configuration before
/// it costs anything.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Memory of a trainer process before its job's tensors (runtime, libtorch, the data set).</summary>
    public const long BaseBytes = 512L << 20;

    public static ConfigurationEstimate Check(IReadOnlyDictionary<string, object?> hyperparameters, int inputFeatures, int outputs, ImageShape? image, int rows)
    {
        var hp = new HyperparameterReader(hyperparameters, Hyperparameters.TrainingKeys);
        var family = hp.Choice(Hyperparameters.Family, "mlp", Hyperparameters.Families.ToArray());
        var features = Math.Max(1, inputFeatures);
        rows = Math.Max(1, rows);
        switch (family)
        {
            case "gbdt":
                GbdtSettings.Read(hp);
                return new ConfigurationEstimate(family, null, BaseBytes);
            case "rf" or "et":
                ForestSettings.Read(hp, outputs > 1 ? TaskKind.Classification : TaskKind.Regression, features);
                return new ConfigurationEstimate(family, null, BaseBytes);
            case "linear":
                LinearSettings.Read(hp);
                return new ConfigurationEstimate(family, (long)features * outputs + outputs, BaseBytes);
            case "knn":
                KnnSettings.Read(hp, rows);
                return new ConfigurationEstimate(family, null, BaseBytes + (long)rows * features * 4);
            case "krr":
                KernelRidgeSettings.Read(hp);
                return new ConfigurationEstimate(family, null, BaseBytes + (long)rows * rows * 8 * 2); // the kernel matrix and its factor
        }

        ModelFactory.Read(hp, features, Math.Max(1, outputs), image); // checks the architecture keys, builds nothing
        var settings = TrainerSettings.Read(hp, null, image is not null);
        var resolved = hp.Resolved;
        long Get(string key) => resolved.TryGetValue(key, out var v) ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : 0;
        long? parameters;
        long widest;
        var layers = 1L;
        switch (family)
        {
            case "mlp":
            {
                var width = Get(Hyperparameters.Width);
                layers = Get(Hyperparameters.Layers);
                parameters = layers == 0 ? (long)features * outputs + outputs
                    : (features * width + width) + (layers - 1) * (width * width + width) + (width * outputs + outputs);
                widest = Math.Max(width, features);
                break;
            }
            case "resnet" when image is null:
            {
                var width = Get(Hyperparameters.Width);
                var hidden = width * Get(Hyperparameters.HiddenFactor);
                layers = 2 * Get(Hyperparameters.Blocks) + 2;
                var blocks = Get(Hyperparameters.Blocks);
                var norm = resolved.TryGetValue(Hyperparameters.Norm, out var n) && n is string name && name != "none" ? 2 * width : 0;
                parameters = (features * width + width) + blocks * (norm + 2 * width * hidden + hidden + width) + norm + (width * outputs + outputs);
                widest = Math.Max(hidden, features);
                break;
            }
            default:
                // Image families: the size depends on the architecture's internal shapes; the trainer's memory limit
                // applies to them at run time.
                return new ConfigurationEstimate(family, null, null);
        }
        // Weights, gradients and two optimizer moments (Adam; SGD keeps fewer), in float32, plus the activations of one
        // batch kept for the backward pass, and a copy of the best epoch's weights.
        var tensors = parameters.Value * 4 * 5;
        var activations = (long)Math.Min(settings.BatchSize, rows) * widest * (layers + 2) * 4 * 3;
        return new ConfigurationEstimate(family, parameters, BaseBytes + tensors + activations);
    }
}
