using System.Globalization;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Trainer.Protocol;

namespace AIMass.Silo.Jobs;

/// <summary>
/// Translates between the grains' trial records and the trainer's job records, the same way for both executors (in
/// process and in a trainer process), so that a trial means the same thing wherever it runs.
/// </summary>
public static class TrialJobs
{
    /// <summary>The trainer job for <paramref name="job"/>; files are named by the caller (empty in process).</summary>
    public static TrainerJob ToTrainerJob(TrialJob job, string torchDevice, int threads, string datasetFile, string artifactFile,
        string? teacherFile = null, IReadOnlyDictionary<int, string>? candidateFiles = null) => new()
    {
        Name = job.TrialKey,
        Kind = job.Kind switch
        {
            TrialKind.Ensemble => TrainerJobKinds.Ensemble,
            TrialKind.Distillation => TrainerJobKinds.Distill,
            _ => TrainerJobKinds.Train,
        },
        DatasetFile = datasetFile,
        Target = job.Target,
        Task = job.Task,
        Params = new Dictionary<string, string>(job.Params),
        Seed = job.Seed,
        SplitSeed = job.SplitSeed,
        Threads = threads,
        Device = torchDevice,
        Image = job.Image is { } shape ? [shape.Channels, shape.Height, shape.Width] : null,
        MaxEpochs = job.MaxEpochs,
        Folds = job.Folds,
        Repeats = Math.Max(1, job.Repeats),
        TestFraction = job.TestFraction,
        TeacherFile = teacherFile,
        CandidateFiles = (candidateFiles ?? new Dictionary<int, string>())
            .ToDictionary(kv => kv.Key.ToString(CultureInfo.InvariantCulture), kv => kv.Value, StringComparer.Ordinal),
        ArtifactFile = artifactFile,
    };

    /// <summary>
    /// The trial's result. Pruned only when the study's verdict stopped the training; a model that finished anyway
    /// (boosted trees report once, at the end) completes, and so does one the budget stopped (a cross-validation as the
    /// bag of the folds it ran).
    /// </summary>
    public static TrialResult ToTrialResult(TrainerJobResult result, TrialJob job, TrialLease lease, EpochVerdict lastVerdict, long artifactBytes, double computeSeconds) => new()
    {
        LeaseId = lease.LeaseId,
        Outcome = lastVerdict == EpochVerdict.Prune && result.StoppedByVerdict ? TrialOutcome.Pruned : TrialOutcome.Completed,
        ValidationScore = result.ValidationScore,
        MetricName = result.MetricName,
        ValidationMetrics = new Dictionary<string, double>(result.ValidationMetrics),
        TestMetrics = new Dictionary<string, double>(result.TestMetrics),
        ParameterCount = result.ParameterCount,
        LatencyMs = result.LatencyMs,
        ArtifactBytes = artifactBytes,
        ArtifactPath = job.ArtifactPath,
        EpochsRun = result.EpochsRun,
        ComputeSeconds = computeSeconds,
        TrainedAs = result.TrainedAs,
        TrainRows = result.TrainRows,
        Members = Math.Max(1, result.Members),
        MemberWeights = result.MemberWeights.ToDictionary(kv => int.Parse(kv.Key, CultureInfo.InvariantCulture), kv => kv.Value),
    };

    /// <summary>The trainer's verdict word for a study's verdict.</summary>
    public static string ToVerdict(EpochVerdict verdict) => verdict switch
    {
        EpochVerdict.Continue => JobVerdicts.Continue,
        EpochVerdict.Abandon => JobVerdicts.Abandon,
        _ => JobVerdicts.Stop,
    };
}
