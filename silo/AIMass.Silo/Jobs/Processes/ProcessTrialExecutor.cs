using System.Diagnostics;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Silo.Configuration;
using AIMass.Silo.Devices;
using AIMass.Trainer.Protocol;
using Microsoft.Extensions.Logging;

namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// Runs each trial in a trainer worker process from this silo's pool (the service's default, embedded mode included):
/// copies the data set, teacher and candidates out of the artifact store as files, has a trainer run the job under the
/// silo's limits while epoch reports and verdicts pass through, and stores the model file the trainer wrote. A job
/// that exhausts its memory, hangs, runs past its time or crashes its process fails only its own attempt.
/// </summary>
public sealed class ProcessTrialExecutor : ITrialExecutor, IDisposable
{
    private const string FolderPrefix = "aimass-trainers-";
    private readonly IArtifactStore _store;
    private readonly SiloIdentity _identity;
    private readonly TrainerOptions _options;
    private readonly JobFiles _files;
    private readonly TrainerPool _pool;
    private readonly JobThreads _threads = new();

    public ProcessTrialExecutor(IArtifactStore store, SiloIdentity identity, AIMassOptions options, ILogger<ProcessTrialExecutor> logger)
    {
        _store = store;
        _identity = identity;
        _options = options.Trainer;
        JobFiles.DeleteOrphans(Path.GetTempPath(), FolderPrefix);
        _files = new JobFiles(store, Path.Combine(Path.GetTempPath(), $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        _pool = new TrainerPool(TrainerLaunch.Locate(), _files.Root, identity.ThreadsPerJob, _options, logger);
    }

    /// <summary>Process ids of this silo's trainers alive now (tests).</summary>
    internal IReadOnlyList<int> TrainerProcessIds => _pool.ProcessIds;

    /// <summary>Process ids of this silo's trainers running a job now (tests).</summary>
    internal IReadOnlyList<int> BusyTrainerProcessIds => _pool.BusyProcessIds;

    public async Task<TrialResult> ExecuteAsync(TrialJob job, TrialLease lease, Func<int, double, EpochVerdict> onEpoch, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var folder = _files.NewJobFolder();
        try
        {
            var dataset = job.Kind == TrialKind.Ensemble ? "" : await _files.DatasetAsync(job.DatasetArtifactPath, ct);
            string? teacher = null;
            if (job.TeacherArtifactPath is { } teacherPath)
            {
                teacher = Path.Combine(folder, "teacher.model");
                await _files.CopyAsync(teacherPath, teacher, ct);
            }
            var candidates = new Dictionary<int, string>();
            foreach (var (number, path) in job.CandidateArtifacts)
            {
                candidates[number] = Path.Combine(folder, $"candidate-{number}.model");
                await _files.CopyAsync(path, candidates[number], ct);
            }
            var artifact = Path.Combine(folder, "model");
            var trainerJob = TrialJobs.ToTrainerJob(job, _identity.TorchDevice(lease.Device), _identity.ThreadsPerJob, dataset, artifact, teacher, candidates);
            var limits = new JobLimits((long)_options.MemoryLimitMiB << 20, _options.JobTimeLimit, _options.HeartbeatTimeout);

            var last = EpochVerdict.Continue;
            string OnEpoch(int epoch, double value)
            {
                last = onEpoch(epoch, value);
                return TrialJobs.ToVerdict(last);
            }
            var result = await _threads.RunAsync(() => RunInTrainer(trainerJob, OnEpoch, limits, ct));

            long bytes;
            await using (var model = File.OpenRead(artifact))
            {
                bytes = model.Length;
                await _store.WriteAsync(job.ArtifactPath, model, ct);
            }
            return TrialJobs.ToTrialResult(result, job, lease, last, bytes, watch.Elapsed.TotalSeconds);
        }
        finally
        {
            JobFiles.DeleteFolder(folder);
        }
    }

    public void Dispose()
    {
        _pool.Dispose();
        _threads.Dispose();
        JobFiles.DeleteFolder(_files.Root);
    }

    private TrainerJobResult RunInTrainer(TrainerJob job, Func<int, double, string> onEpoch, JobLimits limits, CancellationToken ct)
    {
        var trainer = _pool.Rent();
        try
        {
            return trainer.Run(job, onEpoch, limits, ct);
        }
        finally
        {
            _pool.Return(trainer);
        }
    }
}
