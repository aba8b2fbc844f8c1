using AIMass.Training.Artifacts;

namespace AIMass.Training;

/// <summary>The result of a training (or distillation) run: scores, costs, the learning curve and the artifact.</summary>
public sealed class TrainingOutcome
{
    /// <summary>The task trained.</summary>
    public required TaskKind Task { get; init; }

    /// <summary>The model family.</summary>
    public required string Family { get; init; }

    /// <summary>The selection metric: <c>accuracy</c> (classification) or <c>r2</c> (regression); higher is better.</summary>
    public required string MetricName { get; init; }

    /// <summary>The selection metric on the validation split, for the weights kept (the best epoch).</summary>
    public required double ValidationScore { get; init; }

    /// <summary>Every metric of the task on the validation split.</summary>
    public required IReadOnlyDictionary<string, double> ValidationMetrics { get; init; }

    /// <summary>Every metric of the task on the held-out test split (empty when <see cref="TrainingRequest.TestFraction"/> is 0).</summary>
    public required IReadOnlyDictionary<string, double> TestMetrics { get; init; }

    /// <summary>Trainable parameters of the model.</summary>
    public required long ParameterCount { get; init; }

    /// <summary>Forward time per row at batch 1, in milliseconds, on the training device.</summary>
    public required double LatencyMsPerRow { get; init; }

    /// <summary>Forward time per row at batch 256, in milliseconds, on the training device.</summary>
    public required double LatencyMsPerRowBatch256 { get; init; }

    /// <summary>Size of the artifact zip in bytes.</summary>
    public required long ArtifactBytes { get; init; }

    /// <summary>Epochs run (including those after the best one).</summary>
    public required int EpochsRun { get; init; }

    /// <summary>The epoch whose weights were kept (best validation score).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Whether the epoch callback answered <see cref="EpochDecision.Stop"/>.</summary>
    public required bool StoppedByCallback { get; init; }

    /// <summary>Whether early stopping (the <c>patience</c> hyperparameter) ended training.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Whether the training loss became NaN or infinite (training stopped; the best earlier weights are kept).</summary>
    public required bool Diverged { get; init; }

    /// <summary>One report per epoch run.</summary>
    public required IReadOnlyList<EpochReport> Curve { get; init; }

    /// <summary>The device trained on (<c>cpu</c>, <c>cuda:0</c>, ...).</summary>
    public required string Device { get; init; }

    /// <summary>Wall-clock seconds of the whole run.</summary>
    public required double Seconds { get; init; }

    /// <summary>The trained model with its preprocessing and metadata.</summary>
    public required ModelArtifact Artifact { get; init; }

    /// <summary>
    /// The outcome of a run whose scores, costs and family are its artifact's metadata (a cross-validated bag or refit, an
    /// ensemble): the curve is one report per step (fold), the last of which is the best.
    /// </summary>
    internal static TrainingOutcome FromArtifact(Artifacts.ModelArtifact artifact, IReadOnlyList<EpochReport> curve, bool stoppedByCallback, bool diverged,
        string device, double seconds)
    {
        var meta = artifact.Metadata;
        return new TrainingOutcome
        {
            Task = meta.Task,
            Family = meta.Family,
            MetricName = meta.MetricName,
            ValidationScore = meta.ValidationScore,
            ValidationMetrics = meta.ValidationMetrics,
            TestMetrics = meta.TestMetrics,
            ParameterCount = meta.ParameterCount,
            LatencyMsPerRow = meta.LatencyMsPerRow,
            LatencyMsPerRowBatch256 = meta.LatencyMsPerRowBatch256,
            ArtifactBytes = artifact.SizeBytes,
            EpochsRun = curve.Count,
            BestEpoch = curve.Count,
            StoppedByCallback = stoppedByCallback,
            StoppedEarly = false,
            Diverged = diverged,
            Curve = curve,
            Device = device,
            Seconds = seconds,
            Artifact = artifact,
        };
    }
}
