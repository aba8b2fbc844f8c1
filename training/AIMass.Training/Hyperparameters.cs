namespace AIMass.Training;

/// <summary>
/// The hyperparameter names the training pipeline and the distiller read, with their defaults. Values may be
/// <c>double</c>, <c>int</c>, <c>long</c>, <c>string</c> or <c>bool</c> (as an optimizer produces them; an integral
/// double such as <c>64.0</c> is accepted for an integer, <c>0/1</c> or <c>"true"/"false"</c> for a flag). A key that
/// is not listed here is refused (<see cref="ArgumentException"/> naming it); a listed key that the chosen family
/// does not use is ignored, so conditional search spaces may pass every key. Missing keys take the default.
/// </summary>
public static class Hyperparameters
{
    // ---- architecture -----------------------------------------------------------------------------------

    /// <summary>Model family: <c>mlp</c> (default), <c>resnet</c> (tabular ResNet on tabular data, image ResNet on
    /// image data), <c>cnn</c> (images), <c>vit</c> (images), <c>gbdt</c> (LightGBM gradient-boosted trees; reads
    /// <see cref="Trees"/>, <see cref="Leaves"/>, <see cref="MinLeaf"/>, <see cref="FeatureFraction"/>, <see cref="L2"/> and
    /// <see cref="LearningRate"/>), <c>rf</c> / <c>et</c> (random forest / extra trees: <see cref="Trees"/>,
    /// <see cref="MaxFeatures"/>, <see cref="MinLeaf"/>, <see cref="MaxDepth"/>), <c>linear</c> (ridge regression or
    /// multinomial logistic regression: <see cref="Alpha"/>), <c>knn</c> (k nearest neighbours: <see cref="Neighbours"/>,
    /// <see cref="Weighting"/>), <c>krr</c> (kernel ridge regression with an RBF kernel: <see cref="Alpha"/>, <see cref="Gamma"/>).</summary>
    public const string Family = "family";

    /// <summary>Hidden layers of an MLP, or conv blocks of a CNN. Default 2 (0 = a linear model for <c>mlp</c>).</summary>
    public const string Layers = "layers";

    /// <summary>Hidden width of MLP layers, of the tabular ResNet, and of the CNN's dense layer. Default 128.</summary>
    public const string Width = "width";

    /// <summary>Dropout probability in [0, 0.9]. Default 0.1 (0 for <c>vit</c>).</summary>
    public const string Dropout = "dropout";

    /// <summary>Residual connections between equal-width MLP layers. Default <c>false</c>.</summary>
    public const string Skip = "skip";

    /// <summary>Normalisation: <c>none</c>, <c>batch</c>, <c>layer</c>. Default <c>none</c> for <c>mlp</c>, <c>batch</c> for
    /// <c>resnet</c> and <c>cnn</c> (<c>vit</c> always uses layer norm).</summary>
    public const string Norm = "norm";

    /// <summary>Activation: <c>relu</c> (default), <c>gelu</c>, <c>silu</c>, <c>tanh</c>, <c>leaky_relu</c>.</summary>
    public const string Activation = "activation";

    /// <summary>Residual blocks: per stage for the image ResNet, in total for the tabular ResNet. Default 2.</summary>
    public const string Blocks = "blocks";

    /// <summary>Image ResNet stages (each halves the resolution and doubles the channels). Default 2.</summary>
    public const string Stages = "stages";

    /// <summary>Channels of the first conv block (CNN, image ResNet); doubled per block/stage. Default 32 (16 for ResNet).</summary>
    public const string Channels = "channels";

    /// <summary>Convolution kernel size (odd). Default 3.</summary>
    public const string Kernel = "kernel";

    /// <summary>CNN pooling after each block: <c>max</c> (default), <c>avg</c>, <c>none</c>.</summary>
    public const string Pooling = "pooling";

    /// <summary>Hidden expansion of the tabular ResNet block (hidden = width * factor). Default 2.</summary>
    public const string HiddenFactor = "hidden_factor";

    /// <summary>ViT patch size (must divide height and width); 0 (default) picks the largest of 4, 2, 1 that gives at least 16 patches.</summary>
    public const string PatchSize = "patch_size";

    /// <summary>ViT token width. Default 64.</summary>
    public const string Dim = "dim";

    /// <summary>ViT attention heads (must divide <see cref="Dim"/>). Default 4.</summary>
    public const string Heads = "heads";

    /// <summary>ViT transformer blocks. Default 2.</summary>
    public const string Depth = "depth";

    /// <summary>ViT MLP expansion. Default 2.</summary>
    public const string MlpRatio = "mlp_ratio";

    /// <summary><c>gbdt</c>: boosting rounds (one tree per class per round); <c>rf</c>, <c>et</c>: trees in the forest. Default 200.</summary>
    public const string Trees = "trees";

    /// <summary><c>gbdt</c>: the most leaves per tree. Default 31.</summary>
    public const string Leaves = "leaves";

    /// <summary><c>gbdt</c>, <c>rf</c>, <c>et</c>: the fewest training rows per leaf. Default 10 (<c>gbdt</c>), 1 (forests).</summary>
    public const string MinLeaf = "min_leaf";

    /// <summary><c>gbdt</c>: the boosting learning rate (shrinkage); default <see cref="LearningRate"/> when given, else 0.1.
    /// A key of its own so that one search space can tune it beside the networks' learning rate.</summary>
    public const string Shrinkage = "shrinkage";

    /// <summary><c>gbdt</c>: share of the features each tree may use, in (0, 1]. Default 1.</summary>
    public const string FeatureFraction = "feature_fraction";

    /// <summary><c>gbdt</c>: L2 regularisation of the leaf values. Default 0.</summary>
    public const string L2 = "l2";

    /// <summary><c>rf</c>, <c>et</c>: share of the features tried at each split, in (0, 1]. Default: the square root of the
    /// feature count for classification (as a share), all of them (1) for regression, as scikit-learn's forests.</summary>
    public const string MaxFeatures = "max_features";

    /// <summary><c>rf</c>, <c>et</c>: the deepest a tree may grow; 0 = no limit (default).</summary>
    public const string MaxDepth = "max_depth";

    /// <summary><c>linear</c>: the L2 penalty (ridge alpha for regression; the inverse of C for logistic regression) on
    /// standardised features. Default 1.</summary>
    public const string Alpha = "alpha";

    /// <summary><c>krr</c>: the RBF kernel's width as a multiple of <c>1 / features</c> (the kernel is
    /// <c>exp(-gamma / features * |x - y|^2)</c> on standardised features). Default 1, as scikit-learn's <c>gamma='scale'</c> for
    /// standardised data.</summary>
    public const string Gamma = "gamma";

    /// <summary><c>knn</c>: neighbours that vote. Default 5.</summary>
    public const string Neighbours = "neighbours";

    /// <summary><c>knn</c>: <c>uniform</c> (default) or <c>distance</c> (inverse-distance weighted votes).</summary>
    public const string Weighting = "weighting";

    // ---- trainer --------------------------------------------------------------------------------------

    /// <summary>Optimizer: <c>adamw</c> (default), <c>adam</c>, <c>sgd</c> (with momentum).</summary>
    public const string Optimizer = "optimizer";

    /// <summary>Peak learning rate. Default 0.003 (0.05 for <c>sgd</c>; for <c>gbdt</c> the shrinkage, default 0.1).</summary>
    public const string LearningRate = "lr";

    /// <summary>Weight decay (decoupled for <c>adamw</c>, L2 for <c>adam</c>/<c>sgd</c>). Default 1e-4.</summary>
    public const string WeightDecay = "weight_decay";

    /// <summary>SGD momentum (Nesterov). Default 0.9.</summary>
    public const string Momentum = "momentum";

    /// <summary>Training batch size. Default 64.</summary>
    public const string BatchSize = "batch_size";

    /// <summary>Epochs (capped by <see cref="TrainingRequest.MaxEpochs"/>). Default 60.</summary>
    public const string Epochs = "epochs";

    /// <summary>Learning-rate schedule: <c>cosine</c> (default), <c>step</c>, <c>constant</c>.</summary>
    public const string Schedule = "schedule";

    /// <summary>Linear warm-up epochs before the schedule. Default 0 (may be fractional).</summary>
    public const string WarmupEpochs = "warmup_epochs";

    /// <summary><c>step</c> schedule: epochs between decays. Default: a third of the epochs.</summary>
    public const string StepSize = "step_size";

    /// <summary><c>step</c> schedule: the decay factor. Default 0.1.</summary>
    public const string StepGamma = "step_gamma";

    /// <summary>Label smoothing for classification, in [0, 0.5]. Default 0.</summary>
    public const string LabelSmoothing = "label_smoothing";

    /// <summary>Gradient-norm clipping threshold; 0 turns it off. Default 5.</summary>
    public const string GradClip = "grad_clip";

    /// <summary>Early stopping: epochs without a better validation score before training stops; 0 turns it off. Default 20.</summary>
    public const string Patience = "patience";

    /// <summary>Class weights: <c>auto</c> (default: balanced when the largest class is at least 3 times the smallest),
    /// <c>balanced</c>, <c>none</c>.</summary>
    public const string ClassWeight = "class_weight";

    /// <summary>Image augmentation (random shifts of up to <see cref="AugmentShift"/> pixels) when the data is an image (any family). Default <c>false</c>: it pays off only with enough epochs.</summary>
    public const string Augment = "augment";

    /// <summary>The largest random shift in pixels for augmentation. Default 1.</summary>
    public const string AugmentShift = "augment_shift";

    // ---- distillation ---------------------------------------------------------------------------------

    /// <summary>Distillation temperature T. Default 4.</summary>
    public const string Temperature = "temperature";

    /// <summary>Distillation weight a of the hard-label loss (CE, or MSE for regression). Default 0.3.</summary>
    public const string CeWeight = "ce_weight";

    /// <summary>Distillation weight b of the teacher-output loss (T^2 * KL, or MSE to the teacher's outputs). Default 0.7.</summary>
    public const string KdWeight = "kd_weight";

    /// <summary>Distillation weight c of the embedding MSE through a learned projection. Default 0 (off).</summary>
    public const string FeatureWeight = "feature_weight";

    /// <summary>
    /// Distillation: an image teacher's soft labels and embeddings are averaged over its inputs shifted by up to this many
    /// pixels (0-4). Default: the teacher's <see cref="AugmentShift"/> when it was trained with <see cref="Augment"/>, else 0.
    /// </summary>
    public const string TeacherViews = "teacher_views";

    /// <summary>Every key <see cref="TrainingPipeline"/> accepts.</summary>
    public static IReadOnlyCollection<string> TrainingKeys { get; } = new[]
    {
        Family, Layers, Width, Dropout, Skip, Norm, Activation, Blocks, Stages, Channels, Kernel, Pooling, HiddenFactor,
        PatchSize, Dim, Heads, Depth, MlpRatio, Trees, Leaves, MinLeaf, Shrinkage, FeatureFraction, L2, MaxFeatures, MaxDepth, Alpha, Gamma, Neighbours, Weighting, Optimizer, LearningRate, WeightDecay, Momentum, BatchSize, Epochs,
        Schedule, WarmupEpochs, StepSize, StepGamma, LabelSmoothing, GradClip, Patience, ClassWeight, Augment, AugmentShift,
    };

    /// <summary>The keys the distiller accepts on top of <see cref="TrainingKeys"/>.</summary>
    public static IReadOnlyCollection<string> DistillationKeys { get; } = new[] { Temperature, CeWeight, KdWeight, FeatureWeight, TeacherViews };

    /// <summary>The model families by name.</summary>
    public static IReadOnlyList<string> Families { get; } = new[] { "mlp", "resnet", "cnn", "vit", "gbdt", "rf", "et", "linear", "knn", "krr" };

    /// <summary>The families trained on the host without TorchSharp (trees, linear models, neighbours): each is fitted
    /// in one step on the encoded features.</summary>
    public static IReadOnlyList<string> HostFamilies { get; } = new[] { "gbdt", "rf", "et", "linear", "knn", "krr" };

    /// <summary>The families trained by gradient descent (every family but the <see cref="HostFamilies"/>).</summary>
    public static IReadOnlyList<string> NeuralFamilies { get; } = new[] { "mlp", "resnet", "cnn", "vit" };

    /// <summary>The families that need image data (<see cref="TrainingRequest.Image"/>).</summary>
    public static IReadOnlyList<string> ImageOnlyFamilies { get; } = new[] { "cnn", "vit" };
}
