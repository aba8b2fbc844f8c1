using AIMass.Training.Artifacts;
using AIMass.Training.Data;

namespace AIMass.Training.Distillation;

/// <summary>
/// A distillation job: a student (from hyperparameters) learns from a teacher, either a trained model artifact of
/// ours (<see cref="Teacher"/>: logits and embeddings) or given soft labels (<see cref="SoftLabels"/>, e.g. an
/// ensemble's averaged probabilities). Exactly one of the two must be set.
/// </summary>
public sealed class DistillationRequest
{
    /// <summary>The data set (all rows; split like the teacher's).</summary>
    public required CsvTable Data { get; init; }

    /// <summary>The target column (must be the teacher's target).</summary>
    public required string Target { get; init; }

    /// <summary>The teacher model. Its preprocessing, label mapping, image shape, split seed and fractions are reused.</summary>
    public ModelArtifact? Teacher { get; init; }

    /// <summary>
    /// Teacher outputs given directly, one entry per row of <see cref="Data"/> (in row order): for classification the
    /// probability of each class in <see cref="SoftLabelClasses"/> order; for regression one value in the target's
    /// original units.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? SoftLabels { get; init; }

    /// <summary>The class label of each soft-label column (classification with <see cref="SoftLabels"/>).</summary>
    public IReadOnlyList<string>? SoftLabelClasses { get; init; }

    /// <summary>The task (with soft labels; <c>null</c> detects it). A teacher fixes it.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>The student's hyperparameters plus the distillation weights <see cref="Hyperparameters.Temperature"/>,
    /// <see cref="Hyperparameters.CeWeight"/>, <see cref="Hyperparameters.KdWeight"/>, <see cref="Hyperparameters.FeatureWeight"/>.</summary>
    public IReadOnlyDictionary<string, object?> Hyperparameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Seeds the student's training randomness.</summary>
    public int Seed { get; init; }

    /// <summary>The split seed; <c>null</c> takes the teacher's (so its held-out rows stay held out), or 0 with soft labels.</summary>
    public int? SplitSeed { get; init; }

    /// <summary>The validation fraction; <c>null</c> takes the teacher's, or 0.2.</summary>
    public double? ValidationFraction { get; init; }

    /// <summary>The test fraction; <c>null</c> takes the teacher's, or 0.2.</summary>
    public double? TestFraction { get; init; }

    /// <summary>Intra-op threads. Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c>. Default <c>auto</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The image shape (with soft labels; a teacher fixes it).</summary>
    public ImageShape? Image { get; init; }

    /// <summary>A cap on the epochs.</summary>
    public int? MaxEpochs { get; init; }
}
