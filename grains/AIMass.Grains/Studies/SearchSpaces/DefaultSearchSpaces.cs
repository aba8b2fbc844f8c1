using System.Globalization;
using AIMass.Grains.Datasets;
using AIMass.Grains.Studies;
using H = AIMass.Training.Hyperparameters;

namespace AIMass.Grains.Studies.SearchSpaces;

/// <summary>
/// The search spaces a study uses when the tenant gives none and no meta-knowledge says better: architecture
/// families and ranges fit for the modality and size (images: CNN, ResNet, small ViT and MLP; tabular: MLP with
/// optional skips, the tabular ResNet, gradient-boosted trees, random forests, extra trees, regularised linear models,
/// kernel ridge regression and nearest neighbours; small data: smaller nets and more regularisation), and the portfolio of defaults a
/// tabular study tries first.
/// </summary>
public static class DefaultSearchSpaces
{
    /// <summary>Rows below which a data set counts as small.</summary>
    public const int SmallRows = 2_000;

    public static SearchSpace For(string task, ImageShape? image, int rows, int? maxEpochs)
    {
        var small = rows < SmallRows;
        var epochs = Math.Min(maxEpochs ?? int.MaxValue, small ? 60 : 30);
        var parameters = new List<ParameterSpec>();
        if (image is not null)
        {
            parameters.Add(ParameterSpec.Categorical(H.Family, "cnn", "resnet", "mlp", "vit"));
            parameters.Add(ParameterSpec.Int(H.Channels, 8, small ? 32 : 64, log: true).When(H.Family, "cnn", "resnet"));
            parameters.Add(ParameterSpec.Int(H.Layers, 1, 3).When(H.Family, "cnn", "mlp"));
            parameters.Add(ParameterSpec.Int(H.Blocks, 1, 2).When(H.Family, "resnet"));
            // Multiples of 8, so that the default 4 attention heads always divide the embedding width.
            parameters.Add(ParameterSpec.Int(H.Dim, 16, small ? 64 : 128, step: 8).When(H.Family, "vit"));
            parameters.Add(ParameterSpec.Int(H.Depth, 1, 3).When(H.Family, "vit"));
            parameters.Add(ParameterSpec.Int(H.Width, 32, small ? 256 : 512, log: true).When(H.Family, "cnn", "mlp"));
            parameters.Add(ParameterSpec.Categorical(H.Augment, "true", "false").When(H.Family, "cnn", "resnet", "vit"));
        }
        else
        {
            parameters.Add(ParameterSpec.Categorical(H.Family, "mlp", "resnet", "gbdt", "rf", "et", "linear", "krr", "knn"));
            parameters.Add(ParameterSpec.Int(H.Layers, 1, small ? 3 : 4).When(H.Family, "mlp"));
            parameters.Add(ParameterSpec.Categorical(H.Skip, "false", "true").When(H.Family, "mlp"));
            parameters.Add(ParameterSpec.Categorical(H.Norm, "none", "batch", "layer").When(H.Family, "mlp"));
            parameters.Add(ParameterSpec.Int(H.Blocks, 1, small ? 2 : 4).When(H.Family, "resnet"));
            parameters.Add(ParameterSpec.Int(H.Width, small ? 16 : 32, small ? 256 : 512, log: true).When(H.Family, "mlp", "resnet"));
            // Trees: boosted (their own learning rate, the shrinkage), random forests and extra trees.
            parameters.Add(ParameterSpec.Int(H.Trees, 50, 300, log: true).When(H.Family, "gbdt", "rf", "et"));
            parameters.Add(ParameterSpec.Int(H.Leaves, 4, small ? 32 : 128, log: true).When(H.Family, "gbdt"));
            parameters.Add(ParameterSpec.Float(H.Shrinkage, 0.01, 0.3, log: true).When(H.Family, "gbdt"));
            parameters.Add(ParameterSpec.Float(H.FeatureFraction, 0.3, 1.0).When(H.Family, "gbdt"));
            parameters.Add(ParameterSpec.Int(H.MinLeaf, 1, small ? 30 : 100, log: true).When(H.Family, "gbdt", "rf", "et"));
            parameters.Add(ParameterSpec.Float(H.MaxFeatures, 0.05, 1.0, log: true).When(H.Family, "rf", "et"));
            parameters.Add(ParameterSpec.Float(H.Alpha, 1e-4, 1e3, log: true).When(H.Family, "linear", "krr"));
            parameters.Add(ParameterSpec.Float(H.Gamma, 0.01, 10, log: true).When(H.Family, "krr"));
            parameters.Add(ParameterSpec.Int(H.Neighbours, 1, 50, log: true).When(H.Family, "knn"));
            parameters.Add(ParameterSpec.Categorical(H.Weighting, "uniform", "distance").When(H.Family, "knn"));
        }
        // What follows shapes gradient descent: every family but the boosted trees.
        string[] neural = image is not null ? ["cnn", "resnet", "mlp", "vit"] : ["mlp", "resnet"];
        parameters.Add(ParameterSpec.Float(H.Dropout, 0.0, small ? 0.5 : 0.3).When(H.Family, neural));
        parameters.Add(ParameterSpec.Float(H.LearningRate, 3e-4, 3e-2, log: true).When(H.Family, neural));
        parameters.Add(ParameterSpec.Float(H.WeightDecay, 1e-6, small ? 1e-2 : 1e-3, log: true).When(H.Family, neural));
        parameters.Add(ParameterSpec.Categorical(H.BatchSize, small ? ["32", "64", "128"] : ["64", "128", "256"]).When(H.Family, neural));
        if (task == "classification")
        {
            parameters.Add(ParameterSpec.Float(H.LabelSmoothing, 0.0, 0.2).When(H.Family, neural));
        }

        return new SearchSpace
        {
            Parameters = parameters.ToArray(),
            Fixed = new Dictionary<string, string>
            {
                [H.Epochs] = epochs.ToString(CultureInfo.InvariantCulture),
                [H.Patience] = (small ? 12 : 8).ToString(CultureInfo.InvariantCulture),
                [H.Optimizer] = "adamw",
                [H.Schedule] = "cosine",
            },
        };
    }
}
