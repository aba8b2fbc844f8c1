using System.Diagnostics;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Silo.Devices;
using AIMass.Trainer.Jobs;
using AIMass.Training.Artifacts;

namespace AIMass.Silo.Jobs;

/// <summary>
/// Runs one trial in the silo's own process (<c>AIMass:Trainer:Isolation = inprocess</c>: tests and library users;
/// the service uses <see cref="Processes.ProcessTrialExecutor"/>): loads the data set, runs the trainer's job code on a
/// dedicated job thread (not the thread pool, which Orleans needs for grain turns), asks the study after every epoch
/// whether to go on, stores the model artifact, and describes the result. No limits beyond cancellation apply here.
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
        var inputs = new JobInputs
        {
            Data = job.Kind == TrialKind.Ensemble ? null : await datasets.GetAsync(job.DatasetArtifactPath, ct),
            Teacher = job.TeacherArtifactPath is { } teacher ? await LoadAsync(teacher, ct) : null,
            Candidates = await LoadCandidatesAsync(job, ct),
        };
        var trainerJob = TrialJobs.ToTrainerJob(job, identity.TorchDevice(lease.Device), identity.ThreadsPerJob, job.DatasetArtifactPath, job.ArtifactPath);
        var last = EpochVerdict.Continue;
        string OnEpoch(int epoch, double value)
        {
            last = onEpoch(epoch, value);
            return TrialJobs.ToVerdict(last);
        }
        var output = await _threads.RunAsync(() => JobHandler.Run(trainerJob, inputs, OnEpoch, ct));

        using var artifact = new MemoryStream();
        output.Artifact.Save(artifact);
        artifact.Position = 0;
        await store.WriteAsync(job.ArtifactPath, artifact, ct);
        return TrialJobs.ToTrialResult(output.Result, job, lease, last, artifact.Length, watch.Elapsed.TotalSeconds);
    }

    private async Task<IReadOnlyList<(string, ModelArtifact)>> LoadCandidatesAsync(TrialJob job, CancellationToken ct)
    {
        var candidates = new List<(string, ModelArtifact)>();
        foreach (var (number, path) in job.CandidateArtifacts.OrderBy(kv => kv.Key))
        {
            candidates.Add((number.ToString(System.Globalization.CultureInfo.InvariantCulture), await LoadAsync(path, ct)));
        }
        return candidates;
    }

    private async Task<ModelArtifact> LoadAsync(string path, CancellationToken ct)
    {
        var bytes = await store.ReadAllBytesAsync(path, ct);
        return ModelArtifact.Load(new MemoryStream(bytes, writable: false));
    }
}
