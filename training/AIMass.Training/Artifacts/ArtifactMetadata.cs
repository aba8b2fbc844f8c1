using AIMass.Training.Data;
using AIMass.Training.Preprocessing;

namespace AIMass.Training.Artifacts;

/// <summary>
/// Everything about a model except its weights and preprocessing parameters: stored as <c>metadata.json</c> in the
/// artifact zip and readable on its own with <see cref="ModelArtifact.ReadMetadata"/>.
/// </summary>
public sealed record ArtifactMetadata
{
    /// <summary>The artifact format version this library writes (2: bags and ensembles as members, stored predictions).</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Format version of the artifact.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Model family (<c>mlp</c>, <c>resnet</c>, <c>cnn</c>, <c>vit</c>, <c>gbdt</c>, <c>rf</c>, <c>et</c>, <c>linear</c>,
    /// <c>knn</c>), or <c>ensemble</c>.</summary>
    public required string Family { get; init; }

    /// <summary>The task.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The target column.</summary>
    public required string Target { get; init; }

    /// <summary>Columns a row must have to be predicted.</summary>
    public required IReadOnlyList<string> InputColumns { get; init; }

    /// <summary>Columns left out of the features, with reasons.</summary>
    public IReadOnlyList<DroppedColumn> DroppedColumns { get; init; } = Array.Empty<DroppedColumn>();

    /// <summary>Class labels in output order (classification); empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; init; } = Array.Empty<string>();

    /// <summary>The image shape of pixel data, or <c>null</c>.</summary>
    public ImageShape? Image { get; init; }

    /// <summary>Encoded features per row (model input width).</summary>
    public required int FeatureCount { get; init; }

    /// <summary>Width of the penultimate embedding.</summary>
    public required int EmbeddingSize { get; init; }

    /// <summary>Every hyperparameter in effect (given or default), enough to rebuild the architecture; values are long, double, string or bool.</summary>
    public required IReadOnlyDictionary<string, object> Hyperparameters { get; init; }

    /// <summary>The selection metric's name (<c>accuracy</c> or <c>r2</c>).</summary>
    public required string MetricName { get; init; }

    /// <summary>The selection metric on the validation split.</summary>
    public required double ValidationScore { get; init; }

    /// <summary>All validation metrics.</summary>
    public required IReadOnlyDictionary<string, double> ValidationMetrics { get; init; }

    /// <summary>All test metrics (empty without a test split).</summary>
    public required IReadOnlyDictionary<string, double> TestMetrics { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Milliseconds per row at batch 1 on <see cref="LatencyDevice"/>.</summary>
    public required double LatencyMsPerRow { get; init; }

    /// <summary>Milliseconds per row at batch 256 on <see cref="LatencyDevice"/>.</summary>
    public required double LatencyMsPerRowBatch256 { get; init; }

    /// <summary>The device latency was measured on.</summary>
    public required string LatencyDevice { get; init; }

    /// <summary>Bytes of the weights entry (TorchSharp's format).</summary>
    public long WeightsBytes { get; init; }

    /// <summary>Bytes of the whole artifact zip, this metadata included.</summary>
    public long SizeBytes { get; init; }

    /// <summary>Epochs run.</summary>
    public int EpochsRun { get; init; }

    /// <summary>The training seed.</summary>
    public int Seed { get; init; }

    /// <summary>The split seed (a distiller reuses it so the teacher's held-out rows stay held out).</summary>
    public int SplitSeed { get; init; }

    /// <summary>The validation fraction used.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>The test fraction used.</summary>
    public double TestFraction { get; init; }

    /// <summary>Rows in the training split.</summary>
    public int TrainRows { get; init; }

    /// <summary>Rows in the validation split.</summary>
    public int ValidationRows { get; init; }

    /// <summary>Rows in the test split.</summary>
    public int TestRows { get; init; }

    /// <summary>When the model was trained (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>The teacher, for a distilled model.</summary>
    public TeacherInfo? Teacher { get; init; }

    /// <summary>
    /// How the model was trained: <c>holdout</c> (on the training split, selected on the validation split), <c>fold</c>
    /// (one fold of a cross-validation), <c>bagged</c> (the mean of its fold models, which together saw every training
    /// row), <c>refit</c> (one model on every training row after cross-validation) or <c>ensemble</c>.
    /// </summary>
    public string TrainedAs { get; init; } = TrainingModes.Holdout;

    /// <summary>Folds of the cross-validation that scored it; 0 for a holdout split. Validation metrics are then out-of-fold.</summary>
    public int Folds { get; init; }

    /// <summary>The members of a bag or an ensemble, in the order of the artifact's member entries, with their weights (summing to 1).</summary>
    public IReadOnlyList<MemberInfo> Members { get; init; } = Array.Empty<MemberInfo>();
}
