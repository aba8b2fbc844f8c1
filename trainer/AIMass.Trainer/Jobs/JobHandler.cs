using AIMass.Trainer.Protocol;
using AIMass.Training;
using AIMass.Training.Data;
using AIMass.Training.Distillation;
using AIMass.Training.Ensembles;

namespace AIMass.Trainer.Jobs;

/// <summary>
/// Runs one job with the training library on the calling thread: training (holdout or cross-validated), distillation
/// from a teacher, or ensemble selection over candidates. The same code runs in a trainer process and, for tests and
/// library users, in the silo's own process.
/// </summary>
public static class JobHandler
{
    /// <summary>
    /// Runs <paramref name="job"/>; <paramref name="onEpoch"/> reports an epoch's validation score and returns a
    /// <see cref="JobVerdicts"/> value (abandon ends the job with an <see cref="OperationCanceledException"/>).
    /// </summary>
    public static JobOutput Run(TrainerJob job, JobInputs inputs, Func<int, double, string> onEpoch, CancellationToken ct)
    {
        var stoppedByVerdict = false;
        EpochDecision OnEpoch(EpochReport report)
        {
            var verdict = onEpoch(report.Epoch, report.ValidationScore);
            switch (verdict)
            {
                case JobVerdicts.Continue:
                    return EpochDecision.Continue;
                case JobVerdicts.Abandon:
                    throw new OperationCanceledException("The study abandoned this job.");
                default:
                    stoppedByVerdict = true;
                    return EpochDecision.Stop;
            }
        }

        TrainingOutcome outcome;
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        switch (job.Kind)
        {
            case TrainerJobKinds.Ensemble:
                if (inputs.Candidates.Count == 0) throw new InvalidOperationException($"Ensemble job {job.Name} has no candidates.");
                var ensemble = EnsembleBuilder.Build(inputs.Candidates);
                outcome = ensemble.Outcome;
                foreach (var (source, weight) in ensemble.Weights) weights[source] = weight;
                OnEpoch(new EpochReport(1, 0, outcome.ValidationScore, outcome.MetricName));
                stoppedByVerdict = false;
                break;
            case TrainerJobKinds.Distill:
                outcome = Distiller.Run(new DistillationRequest
                {
                    Data = Require(inputs.Data, job),
                    Target = job.Target,
                    Teacher = inputs.Teacher ?? throw new InvalidOperationException($"Distillation job {job.Name} names no teacher."),
                    Hyperparameters = ParameterValues.ToHyperparameters(job.Params),
                    Seed = job.Seed,
                    SplitSeed = job.SplitSeed,
                    Threads = job.Threads,
                    Device = job.Device,
                    Image = Shape(job),
                    MaxEpochs = job.MaxEpochs,
                    TestFraction = job.TestFraction,
                }, OnEpoch, ct);
                break;
            case TrainerJobKinds.Train:
                outcome = TrainingPipeline.Run(new TrainingRequest
                {
                    Data = Require(inputs.Data, job),
                    Target = job.Target,
                    Task = ParseTask(job.Task),
                    Hyperparameters = ParameterValues.ToHyperparameters(job.Params),
                    Seed = job.Seed,
                    SplitSeed = job.SplitSeed,
                    Threads = job.Threads,
                    Device = job.Device,
                    Image = Shape(job),
                    MaxEpochs = job.MaxEpochs,
                    Folds = job.Folds,
                    Repeats = Math.Max(1, job.Repeats),
                    TestFraction = job.TestFraction,
                }, OnEpoch, ct);
                break;
            default:
                throw new InvalidOperationException($"Unknown job kind '{job.Kind}' (use train, distill or ensemble).");
        }

        var metadata = outcome.Artifact.Metadata;
        return new JobOutput(outcome.Artifact, new TrainerJobResult
        {
            ValidationScore = outcome.ValidationScore,
            MetricName = outcome.MetricName,
            ValidationMetrics = new Dictionary<string, double>(outcome.ValidationMetrics),
            TestMetrics = new Dictionary<string, double>(outcome.TestMetrics),
            ParameterCount = outcome.ParameterCount,
            LatencyMs = outcome.LatencyMsPerRow,
            EpochsRun = outcome.EpochsRun,
            StoppedByVerdict = stoppedByVerdict && outcome.StoppedByCallback,
            TrainedAs = metadata.TrainedAs,
            TrainRows = metadata.TrainRows,
            Members = Math.Max(1, metadata.Members.Count),
            MemberWeights = weights,
        });
    }

    private static CsvTable Require(CsvTable? data, TrainerJob job) =>
        data ?? throw new InvalidOperationException($"Job {job.Name} has no data set.");

    private static ImageShape? Shape(TrainerJob job) =>
        job.Image is [var channels, var height, var width] ? new ImageShape(channels, height, width) : null;

    private static TaskKind? ParseTask(string task) => task switch
    {
        "classification" => TaskKind.Classification,
        "regression" => TaskKind.Regression,
        _ => null,
    };
}
