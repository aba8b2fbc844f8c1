using AIMass.Training.Configuration;

namespace AIMass.Training.Distillation;

/// <summary>
/// The distillation loss weights: <c>loss = a * hard + b * soft + c * feature</c>, where hard is CE to the labels
/// (MSE for regression), soft is <c>T^2 * KL(softmax(teacher/T) || softmax(student/T))</c> (MSE to the teacher's
/// outputs for regression) and feature is the MSE between the projected student embedding and the teacher's.
/// <c>TeacherViews</c> (<see cref="Hyperparameters.TeacherViews"/>) averages an image teacher over its inputs shifted by up to that
/// many pixels (0: the teacher sees the student's batch only); by default the shift the teacher was trained with (its
/// predictions are meant to be invariant to those shifts, and their average is a better estimate than one view).
/// </summary>
internal sealed record DistillationWeights(double Temperature, double Hard, double Soft, double Feature, int TeacherViews)
{
    public static DistillationWeights Read(HyperparameterReader hp, int defaultViews) => new(
        hp.Double(Hyperparameters.Temperature, 4, 0.05, 100),
        hp.Double(Hyperparameters.CeWeight, 0.3, 0, 100),
        hp.Double(Hyperparameters.KdWeight, 0.7, 0, 100),
        hp.Double(Hyperparameters.FeatureWeight, 0, 0, 100),
        hp.Int(Hyperparameters.TeacherViews, Math.Min(defaultViews, 4), 0, 4));

    /// <summary>The teacher's training shift when it was an image model trained with augmentation, else 0.</summary>
    public static int TrainedShift(Artifacts.ArtifactMetadata? teacher)
    {
        if (teacher?.Image is null) return 0;
        var keys = new[] { Hyperparameters.Augment, Hyperparameters.AugmentShift };
        var values = teacher.Hyperparameters.Where(kv => keys.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value);
        var hp = new HyperparameterReader(values, keys);
        return hp.Flag(Hyperparameters.Augment, false) ? hp.Int(Hyperparameters.AugmentShift, 1, 0, 16) : 0;
    }
}
