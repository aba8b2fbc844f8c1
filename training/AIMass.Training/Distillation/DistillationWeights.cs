using AIMass.Training.Configuration;

namespace AIMass.Training.Distillation;

/// <summary>
/// The distillation loss weights: <c>loss = a * hard + b * soft + c * feature</c>, where hard is CE to the labels
/// (MSE for regression), soft is <c>T^2 * KL(softmax(teacher/T) || softmax(student/T))</c> (MSE to the teacher's
/// outputs for regression) and feature is the MSE between the projected student embedding and the teacher's.
/// <c>TeacherViews</c> (<see cref="TeacherViewsKey"/>) averages an image teacher over its inputs shifted by up to that
/// many pixels (0: the teacher sees the student's batch only).
/// </summary>
internal sealed record DistillationWeights(double Temperature, double Hard, double Soft, double Feature, int TeacherViews)
{
    /// <summary>Shift radius of the teacher's averaged views (image teachers). Default 0 (off).</summary>
    public const string TeacherViewsKey = "teacher_views";

    public static IReadOnlyCollection<string> Keys { get; } = Hyperparameters.DistillationKeys.Append(TeacherViewsKey).ToArray();

    public static DistillationWeights Read(HyperparameterReader hp) => new(
        hp.Double(Hyperparameters.Temperature, 4, 0.05, 100),
        hp.Double(Hyperparameters.CeWeight, 0.3, 0, 100),
        hp.Double(Hyperparameters.KdWeight, 0.7, 0, 100),
        hp.Double(Hyperparameters.FeatureWeight, 0, 0, 100),
        hp.Int(TeacherViewsKey, 0, 0, 4));
}
