using System.Diagnostics;
using AIMass.Training.Artifacts;
using AIMass.Training.Configuration;
using AIMass.Training.Inference;
using AIMass.Training.Metrics;
using AIMass.Training.Models;
using AIMass.Training.Runtime;
using AIMass.Training.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AIMass.Training.Distillation;

/// <summary>
/// Knowledge distillation: trains a student (any family, from hyperparameters) to match a teacher with
/// <c>loss = a * CE(student, y) + b * T^2 * KL(softmax(teacher/T) || softmax(student/T)) + c * MSE(P(student embedding), teacher embedding)</c>,
/// where P is a learned linear projection when the embedding widths differ (identity otherwise) and
/// <c>T, a, b, c</c> are the hyperparameters <c>temperature</c>, <c>ce_weight</c>, <c>kd_weight</c>, <c>feature_weight</c>.
/// For regression, MSE to the teacher's outputs replaces the KL term. A model teacher runs in eval mode under
/// no_grad on the same batches (scored once for all training rows when the student's batches are not augmented). An
/// image teacher trained with shift augmentation is averaged over its shifted views of each row
/// (<c>teacher_views</c>, default its <c>augment_shift</c>): its soft labels are then the mean of its probabilities at
/// temperature T over those shifts, which on digits recovered more of the student-teacher gap than one view. The student reuses the teacher's preprocessing and split, so the outcome's
/// scores compare with the teacher's; its artifact records the teacher.
/// </summary>
public static class Distiller
{
    /// <summary>Runs the job; callback, cancellation, errors and determinism as in <see cref="TrainingPipeline.Run"/>.</summary>
    public static TrainingOutcome Run(DistillationRequest request, Func<EpochReport, EpochDecision>? onEpoch = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((request.Teacher is null) == (request.SoftLabels is null))
        {
            throw new ArgumentException("Set exactly one of Teacher and SoftLabels.", nameof(request));
        }
        var watch = Stopwatch.StartNew();
        var hp = new HyperparameterReader(request.Hyperparameters, Hyperparameters.TrainingKeys.Concat(Hyperparameters.DistillationKeys).ToArray());
        var teacherMeta = request.Teacher?.Metadata;
        var weights = DistillationWeights.Read(hp, DistillationWeights.TrainedShift(teacherMeta));
        if (teacherMeta is not null && teacherMeta.Target != request.Target)
        {
            throw new ArgumentException($"The teacher predicts '{teacherMeta.Target}', not '{request.Target}'.", nameof(request));
        }
        if (request.SoftLabels is not null && request.SoftLabels.Count != request.Data.RowCount)
        {
            throw new ArgumentException($"SoftLabels has {request.SoftLabels.Count} rows; the data has {request.Data.RowCount}.", nameof(request));
        }
        var image = teacherMeta?.Image ?? request.Image;
        var settings = TrainerSettings.Read(hp, request.MaxEpochs, image is not null);
        using var job = JobContext.Prepare(request.Data, request.Target, teacherMeta?.Task ?? request.Task, image, request.Threads, request.Device,
            request.SplitSeed ?? teacherMeta?.SplitSeed ?? 0,
            // A cross-validated teacher has no validation split of its own: the student holds out 20% of the training rows.
            request.ValidationFraction ?? (teacherMeta is { Folds: > 0 } ? 0.2 : teacherMeta?.ValidationFraction) ?? 0.2,
            request.TestFraction ?? teacherMeta?.TestFraction ?? 0.2,
            request.Teacher?.Preprocessing, ct);
        var target = job.Preprocessing.Target;
        using var loaded = request.Teacher is null ? null : new LoadedModel(request.Teacher, job.Device);
        using var teacher = loaded is not null
            ? TeacherSignal.FromModel(loaded, target, job.Train, job.Device, image, weights.TeacherViews, weights.Temperature, precompute: !(settings.Augment && image is not null))
            : TeacherSignal.FromSoftLabels(request.SoftLabels!, request.SoftLabelClasses, target, job.Train, job.Device);
        using var student = ModelFactory.CreateFrom(hp, job.Preprocessing.FeatureCount, target.Outputs, image, request.Seed).to(job.Device);
        using var projection = CreateProjection(weights, student, teacher, request.Seed, job.Device);
        var classification = target.Task == TaskKind.Classification;
        var t = weights.Temperature;

        Tensor Loss(Tensor x, Tensor labels, long[] positions)
        {
            var (teacherOut, teacherEmbedding) = teacher.For(x, positions);
            using var studentEmbedding = student.Embed(x);
            using var studentOut = student.Head(studentEmbedding);
            Tensor loss;
            if (classification)
            {
                using var hard = nn.functional.cross_entropy(studentOut, labels, label_smoothing: settings.LabelSmoothing);
                using var temperature = t.ToScalar();
                using var studentScaled = studentOut.div(temperature);
                using var teacherScaled = teacherOut.div(temperature);
                using var studentLog = nn.functional.log_softmax(studentScaled, 1);
                using var teacherLog = nn.functional.log_softmax(teacherScaled, 1);
                using var kl = nn.functional.kl_div(studentLog, teacherLog, log_target: true, reduction: nn.Reduction.Sum);
                using var hardWeight = weights.Hard.ToScalar();
                using var softWeight = (weights.Soft * t * t / positions.Length).ToScalar();
                using var soft = kl.mul(softWeight);
                loss = hard.mul(hardWeight).add_(soft, HeldScalars.One);
            }
            else
            {
                using var hard = nn.functional.mse_loss(studentOut, labels);
                using var soft = nn.functional.mse_loss(studentOut, teacherOut);
                using var hardWeight = weights.Hard.ToScalar();
                using var softWeight = weights.Soft.ToScalar();
                using var weighted = soft.mul(softWeight);
                loss = hard.mul(hardWeight).add_(weighted, HeldScalars.One);
            }
            if (weights.Feature > 0 && teacherEmbedding is not null)
            {
                using var projected = projection is null ? studentEmbedding.alias() : projection.call(studentEmbedding);
                using var feature = nn.functional.mse_loss(projected, teacherEmbedding);
                using var featureWeight = weights.Feature.ToScalar();
                using var weightedFeature = feature.mul(featureWeight);
                loss = loss.add_(weightedFeature, HeldScalars.One);
            }
            teacherOut.Dispose();
            teacherEmbedding?.Dispose();
            return loss;
        }

        var result = new Trainer
        {
            Model = student,
            Settings = settings,
            Train = job.Train,
            Validate = () => Evaluator.Score(student, job.ScoringRows, target, ct),
            Loss = Loss,
            MetricName = MetricNames.SelectionMetric(target.Task),
            Seed = request.Seed,
            Image = image,
            ExtraParameters = projection?.parameters().ToList() ?? new List<Parameter>(),
        }.Run(onEpoch, ct);
        var info = teacherMeta is not null
            ? new TeacherInfo("artifact", teacherMeta.Family, teacherMeta.ParameterCount, teacherMeta.MetricName, teacherMeta.ValidationScore, teacherMeta.TestMetrics)
            : new TeacherInfo("soft-labels", null, null, null, null, null);
        return job.Finish(student, hp.Resolved, result, request.Seed, info, watch, ct);
    }

    private static Linear? CreateProjection(DistillationWeights weights, NetworkModel student, TeacherSignal teacher, int seed, Device device)
    {
        if (weights.Feature <= 0 || teacher.EmbeddingSize is not { } width || width == student.EmbeddingSize) return null;
        lock (TorchGlobalRandom.Lock)
        {
            torch.manual_seed(unchecked(seed + 7919));
            return nn.Linear(student.EmbeddingSize, width).to(device);
        }
    }
}
