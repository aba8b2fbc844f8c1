using System.Diagnostics;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Silo.Devices;
using AIMass.Training;
using AIMass.Training.Artifacts;
using AIMass.Training.Data;
using AIMass.Training.Distillation;
using AIMass.Training.Ensembles;

namespace AIMass.Silo.Jobs;

/// <summary>
/// Runs one trial: loads the data set, trains on a dedicated job thread (not the thread pool, which Orleans needs for
/// grain turns) with the trial's hyperparameters, seed and device, asks the study after every epoch whether to go on,
/// stores the model artifact, and describes the result. No Orleans here beyond the job records.
/// </summary>
public sealed class TrialExecutor(IArtifactStore store, DatasetCache datasets, SiloIdentity identity) : ITrialExecutor, IDisposable
{
    private readonly JobThreads _threads = new();

    /// <summary>Threads that trained jobs and are alive now (tests).</summary>
    internal int TrainingThreads => _threads.ThreadCount;

    public void Dispose() => _threads.Dispose();

    /// <summary>Runs the job; <paramref name="onEpoch"/> reports an epoch and returns the study's verdict.</summary>
    public async Task<TrialResult> ExecuteAsync(TrialJob job, TrialLease lease, Func<int, double, EpochVerdict> onEpoch, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var table = await datasets.GetAsync(job.DatasetArtifactPath, ct);
        var request = new TrainingRequest
        {
            Data = table,
            Target = job.Target,
            Task = ParseTask(job.Task),
            Hyperparameters = ParameterValues.ToHyperparameters(job.Params),
            Seed = job.Seed,
            SplitSeed = job.SplitSeed,
            Threads = identity.ThreadsPerJob,
            Device = identity.TorchDevice(lease.Device),
            Image = job.Image is { } shape ? new ImageShape(shape.Channels, shape.Height, shape.Width) : null,
            MaxEpochs = job.MaxEpochs,
            Folds = job.Folds,
            Repeats = Math.Max(1, job.Repeats),
            TestFraction = job.TestFraction,
        };

        var verdict = EpochVerdict.Continue;
        EpochDecision OnEpoch(EpochReport report)
        {
            verdict = onEpoch(report.Epoch, report.ValidationScore);
            return verdict switch
            {
                EpochVerdict.Continue => EpochDecision.Continue,
                EpochVerdict.Abandon => throw new OperationCanceledException("The study abandoned this trial."),
                _ => EpochDecision.Stop,
            };
        }

        TrainingOutcome outcome;
        IReadOnlyDictionary<int, double> memberWeights = new Dictionary<int, double>();
        if (job.Kind == TrialKind.Ensemble)
        {
            var candidates = new List<(string, ModelArtifact)>();
            foreach (var (number, path) in job.CandidateArtifacts.OrderBy(kv => kv.Key))
            {
                var bytes = await store.ReadAllBytesAsync(path, ct);
                candidates.Add((number.ToString(System.Globalization.CultureInfo.InvariantCulture), ModelArtifact.Load(new MemoryStream(bytes, writable: false))));
            }
            var ensemble = await _threads.RunAsync(() => EnsembleBuilder.Build(candidates));
            outcome = ensemble.Outcome;
            memberWeights = ensemble.Weights.ToDictionary(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value);
            onEpoch(1, outcome.ValidationScore);
        }
        else if (job.Kind == TrialKind.Distillation)
        {
            if (job.TeacherArtifactPath is null) throw new InvalidOperationException($"Distillation trial {job.TrialKey} names no teacher artifact.");
            var teacherBytes = await store.ReadAllBytesAsync(job.TeacherArtifactPath, ct);
            var teacher = ModelArtifact.Load(new MemoryStream(teacherBytes, writable: false));
            var distillation = new DistillationRequest
            {
                Data = table,
                Target = job.Target,
                Teacher = teacher,
                Hyperparameters = request.Hyperparameters,
                Seed = job.Seed,
                SplitSeed = job.SplitSeed,
                Threads = request.Threads,
                Device = request.Device,
                Image = request.Image,
                MaxEpochs = job.MaxEpochs,
                TestFraction = job.TestFraction,
            };
            outcome = await _threads.RunAsync(() => Distiller.Run(distillation, OnEpoch, ct));
        }
        else
        {
            outcome = await _threads.RunAsync(() => TrainingPipeline.Run(request, OnEpoch, ct));
        }

        using var artifact = new MemoryStream();
        outcome.Artifact.Save(artifact);
        artifact.Position = 0;
        await store.WriteAsync(job.ArtifactPath, artifact, ct);

        return new TrialResult
        {
            LeaseId = lease.LeaseId,
            // Pruned only when the verdict stopped the training; a model that was finished anyway (boosted trees
            // report once, at the end) completes, and so does one the budget stopped (Finish), a cross-validation as the
            // bag of the folds it ran.
            Outcome = verdict == EpochVerdict.Prune && outcome.StoppedByCallback ? TrialOutcome.Pruned : TrialOutcome.Completed,
            ValidationScore = outcome.ValidationScore,
            MetricName = outcome.MetricName,
            ValidationMetrics = new Dictionary<string, double>(outcome.ValidationMetrics),
            TestMetrics = new Dictionary<string, double>(outcome.TestMetrics),
            ParameterCount = outcome.ParameterCount,
            LatencyMs = outcome.LatencyMsPerRow,
            ArtifactBytes = artifact.Length,
            ArtifactPath = job.ArtifactPath,
            EpochsRun = outcome.EpochsRun,
            ComputeSeconds = watch.Elapsed.TotalSeconds,
            TrainedAs = outcome.Artifact.Metadata.TrainedAs,
            TrainRows = outcome.Artifact.Metadata.TrainRows,
            Members = Math.Max(1, outcome.Artifact.Metadata.Members.Count),
            MemberWeights = new Dictionary<int, double>(memberWeights),
        };
    }

    private static TaskKind? ParseTask(string task) => task switch
    {
        "classification" => TaskKind.Classification,
        "regression" => TaskKind.Regression,
        _ => null,
    };
}
