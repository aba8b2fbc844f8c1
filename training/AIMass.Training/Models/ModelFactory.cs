using AIMass.Training.Configuration;
using AIMass.Training.Data;
using TorchSharp;

namespace AIMass.Training.Models;

/// <summary>
/// Builds a <see cref="NetworkModel"/> from hyperparameters (see <see cref="Hyperparameters"/> for the keys and
/// defaults). Weight initialisation draws from libtorch's process-wide generator; the factory seeds it and builds
/// under <see cref="TorchGlobalRandom"/>'s lock so that concurrent jobs get reproducible weights.
/// </summary>
public static class ModelFactory
{
    /// <summary>
    /// Creates a model for <paramref name="inputFeatures"/> encoded features (or an image of
    /// <paramref name="image"/> shape) and <paramref name="outputs"/> outputs, its weights initialised from
    /// <paramref name="seed"/>. Throws <see cref="ArgumentException"/> naming a bad or unknown key.
    /// </summary>
    public static NetworkModel Create(IReadOnlyDictionary<string, object?>? hyperparameters, int inputFeatures, int outputs, ImageShape? image, int seed)
    {
        var reader = new HyperparameterReader(hyperparameters, Hyperparameters.TrainingKeys.Concat(Hyperparameters.DistillationKeys).ToArray());
        return CreateFrom(reader, inputFeatures, outputs, image, seed);
    }

    internal static NetworkModel CreateFrom(HyperparameterReader hp, int inputFeatures, int outputs, ImageShape? image, int seed)
    {
        var spec = Read(hp, inputFeatures, outputs, image);
        lock (TorchGlobalRandom.Lock)
        {
            torch.manual_seed(seed);
            return spec();
        }
    }

    /// <summary>Reads and checks the architecture keys first (so errors come before any allocation), returning the builder.</summary>
    internal static Func<NetworkModel> Read(HyperparameterReader hp, int inputFeatures, int outputs, ImageShape? image)
    {
        if (inputFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(inputFeatures), inputFeatures, "A model needs at least one input feature.");
        if (outputs <= 0) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "A model needs at least one output.");
        var family = hp.Choice(Hyperparameters.Family, "mlp", Hyperparameters.Families.ToArray());
        if (family == "gbdt") throw new ArgumentException("Family 'gbdt' is not a neural network: train it with TrainingPipeline.", "Hyperparameters");
        if (image is null && Hyperparameters.ImageOnlyFamilies.Contains(family))
        {
            throw new ArgumentException($"Family '{family}' needs image data: set TrainingRequest.Image to the pixel columns' shape.", "Hyperparameters");
        }
        if (image is not null && image.Size != inputFeatures)
        {
            throw new ArgumentException($"Image shape {image} holds {image.Size} values but the rows have {inputFeatures} features.", nameof(image));
        }
        var activation = hp.Choice(Hyperparameters.Activation, "relu", LayerFactory.Activations);
        switch (family)
        {
            case "mlp":
            {
                var layers = hp.Int(Hyperparameters.Layers, 2, 0, 16);
                var width = hp.Int(Hyperparameters.Width, 128, 1, 8192);
                var dropout = hp.Double(Hyperparameters.Dropout, 0.1, 0, 0.9);
                var skip = hp.Flag(Hyperparameters.Skip, false);
                var norm = hp.Choice(Hyperparameters.Norm, "none", LayerFactory.Norms);
                return () => new MlpModel(inputFeatures, outputs, layers, width, dropout, skip, norm, activation);
            }
            case "resnet" when image is null:
            {
                var blocks = hp.Int(Hyperparameters.Blocks, 2, 1, 16);
                var width = hp.Int(Hyperparameters.Width, 128, 1, 4096);
                var factor = hp.Int(Hyperparameters.HiddenFactor, 2, 1, 8);
                var dropout = hp.Double(Hyperparameters.Dropout, 0.1, 0, 0.9);
                var norm = hp.Choice(Hyperparameters.Norm, "batch", LayerFactory.Norms);
                return () => new TabularResNetModel(inputFeatures, outputs, blocks, width, factor, dropout, norm, activation);
            }
            case "resnet":
            {
                var stages = hp.Int(Hyperparameters.Stages, 2, 1, 5);
                var blocks = hp.Int(Hyperparameters.Blocks, 2, 1, 8);
                var channels = hp.Int(Hyperparameters.Channels, 16, 1, 512);
                var dropout = hp.Double(Hyperparameters.Dropout, 0.1, 0, 0.9);
                var norm = hp.Choice(Hyperparameters.Norm, "batch", LayerFactory.Norms);
                return () => new ImageResNetModel(image!, outputs, stages, blocks, channels, dropout, norm, activation);
            }
            case "cnn":
            {
                var layers = hp.Int(Hyperparameters.Layers, 2, 1, 8);
                var channels = hp.Int(Hyperparameters.Channels, 32, 1, 512);
                var kernel = hp.Int(Hyperparameters.Kernel, 3, 1, 11);
                if (kernel % 2 == 0) throw new ArgumentException($"Hyperparameter '{Hyperparameters.Kernel}' must be odd; got {kernel}.", "Hyperparameters");
                var pooling = hp.Choice(Hyperparameters.Pooling, "max", "max", "avg", "none");
                var width = hp.Int(Hyperparameters.Width, 128, 1, 8192);
                var dropout = hp.Double(Hyperparameters.Dropout, 0.1, 0, 0.9);
                var norm = hp.Choice(Hyperparameters.Norm, "batch", LayerFactory.Norms);
                return () => new CnnModel(image!, outputs, layers, channels, kernel, pooling, width, dropout, norm, activation);
            }
            default:
            {
                var patch = hp.Int(Hyperparameters.PatchSize, 0, 0, 64);
                if (patch == 0)
                {
                    patch = VisionTransformerModel.DefaultPatchSize(image!);
                    hp.Override(Hyperparameters.PatchSize, patch);
                }
                if (image!.Height % patch != 0 || image.Width % patch != 0)
                {
                    throw new ArgumentException($"Hyperparameter '{Hyperparameters.PatchSize}' ({patch}) must divide the image's height {image.Height} and width {image.Width}.", "Hyperparameters");
                }
                var dim = hp.Int(Hyperparameters.Dim, 64, 4, 1024);
                var heads = hp.Int(Hyperparameters.Heads, 4, 1, 32);
                if (dim % heads != 0) throw new ArgumentException($"Hyperparameter '{Hyperparameters.Heads}' ({heads}) must divide '{Hyperparameters.Dim}' ({dim}).", "Hyperparameters");
                var depth = hp.Int(Hyperparameters.Depth, 2, 1, 16);
                var ratio = hp.Int(Hyperparameters.MlpRatio, 2, 1, 8);
                var dropout = hp.Double(Hyperparameters.Dropout, 0.0, 0, 0.9);
                return () => new VisionTransformerModel(image, outputs, patch, dim, heads, depth, ratio, dropout);
            }
        }
    }
}
