using AIMass.Training.Data;

namespace AIMass.Training;

/// <summary>One training job: data, target, hyperparameters and the run's settings.</summary>
public sealed class TrainingRequest
{
    /// <summary>The data set (all rows; the pipeline splits it).</summary>
    public required CsvTable Data { get; init; }

    /// <summary>The target column's name.</summary>
    public required string Target { get; init; }

    /// <summary>The task; <c>null</c> detects it with <see cref="TaskDetector"/>.</summary>
    public TaskKind? Task { get; init; }

    /// <summary>Hyperparameters by the names in <see cref="AIMass.Training.Hyperparameters"/>; unknown keys are refused, missing keys take their defaults.</summary>
    public IReadOnlyDictionary<string, object?> Hyperparameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Seeds the training randomness: weight initialisation, batch order, dropout, augmentation.</summary>
    public int Seed { get; init; }

    /// <summary>Seeds the train/validation/test split. All trials of one study share it, so their scores compare.</summary>
    public int SplitSeed { get; init; }

    /// <summary>Share of rows held out for validation (model selection, early stopping, the callback). Default 0.2;
    /// with 0 the training rows are scored instead.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>Share of rows held out for the final test metrics. Default 0.2; with 0 there are no test metrics.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Intra-op threads for this job (<c>torch.set_num_threads</c> on the calling thread). Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary><c>cpu</c>, <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when available). Default <c>auto</c>.</summary>
    public string Device { get; init; } = "auto";

    /// <summary>The image shape when the feature columns are pixels (needed by <c>cnn</c>, <c>vit</c> and the image <c>resnet</c>).</summary>
    public ImageShape? Image { get; init; }

    /// <summary>A cap on the epochs, whatever the hyperparameters say (a budget).</summary>
    public int? MaxEpochs { get; init; }

    /// <summary>
    /// Folds of cross-validation (2-20); 0 (default) trains on a holdout split (<see cref="ValidationFraction"/>). With
    /// folds, the test rows are split off first, the rest are the training rows: each fold model trains on all but one
    /// fold and predicts it, the validation metrics are out-of-fold over every training row, and the callback hears
    /// once per fold (its step is the fold, its value the out-of-fold score so far), so a pruner can stop a bad
    /// configuration before its last fold. <see cref="ValidationFraction"/> is then unused.
    /// </summary>
    public int Folds { get; init; }

    /// <summary>With <see cref="Folds"/>: how many times the cross-validation is repeated with other folds (1-10, default
    /// 1). Out-of-fold outputs are averaged over the repetitions (less noise on small data); a bag holds every fold model.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>
    /// With <see cref="Folds"/>: what the artifact holds. <c>bag</c>: the fold models, averaged; <c>refit</c>: one model
    /// trained on every training row (a network for the mean best epoch of its folds); <c>auto</c> (default): the
    /// family's choice (<see cref="Training.FitStrategies"/>).
    /// </summary>
    public string FitStrategy { get; init; } = "auto";
}
