namespace AIMass.Training.Artifacts;

/// <summary>The values of <see cref="ArtifactMetadata.TrainedAs"/>.</summary>
public static class TrainingModes
{
    public const string Holdout = "holdout", Fold = "fold", Bagged = "bagged", Refit = "refit", Ensemble = "ensemble";
}
