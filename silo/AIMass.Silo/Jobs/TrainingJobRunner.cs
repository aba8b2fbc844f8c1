using System.Collections.Concurrent;
using AIMass.Grains.Artifacts;
using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Trials;
using AIMass.Grains.Workers;
using AIMass.Silo.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIMass.Silo.Jobs;

/// <summary>
/// The silo's training service: runs leased jobs outside any grain turn (their training on the executor's
/// dedicated threads), with the job's seed, threads and device; beats each lease, streams epoch reports to the trial grain (which asks
/// the study's pruner), stores the artifact and reports the result, then frees the worker's slot. An attempt writes its
/// own artifact file; when its trial refuses the result (the lease was lost meanwhile), that file is deleted.
/// </summary>
public sealed partial class TrainingJobRunner(
    IGrainFactory grains,
    ITrialExecutor executor,
    IArtifactStore artifacts,
    SiloIdentity identity,
    IOptions<JobSchedulingOptions> options,
    ILogger<TrainingJobRunner> logger) : IJobRunner, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _draining = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _tasks = new(StringComparer.Ordinal);
    private readonly JobThreads _threads = new();
    private volatile bool _stopping;

    public string SiloName => identity.Name;

    public IReadOnlyList<string> Devices => identity.Devices;

    public IReadOnlyList<string> RunningTrials(string workerId) =>
        _jobs.Values.Where(j => j.WorkerId == workerId).Select(j => j.Job.TrialKey).ToArray();

    public bool IsDraining(string workerId) => _stopping || _draining.GetValueOrDefault(workerId);

    public void SetDraining(string workerId, bool draining, bool handBack)
    {
        _draining[workerId] = draining;
        if (draining && handBack)
        {
            foreach (var job in _jobs.Values.Where(j => j.WorkerId == workerId)) HandBack(job);
        }
    }

    public void Stop(string trialKey)
    {
        if (!_jobs.TryGetValue(trialKey, out var job)) return;
        job.Abandoned = true;
        try
        {
            job.Cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // it ended meanwhile
        }
    }

    public void Start(string workerId, string device, TrialJob job, TrialLease lease)
    {
        var running = new RunningJob(workerId, job, lease);
        if (!_jobs.TryAdd(job.TrialKey, running))
        {
            LogDuplicate(job.TrialKey);
            return;
        }
        // Off the caller's (grain) scheduler at once, on a job thread until the job's first await (the executor moves
        // the training itself to its own job threads); what follows runs on the pool.
        var started = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        _tasks[job.TrialKey] = started.Task.Unwrap();
        _threads.Run(() => started.SetResult(RunAsync(running)));
    }

    /// <summary>Gives every running job back to the queue and waits for them to report (graceful shutdown).</summary>
    public async Task StopAsync(TimeSpan wait)
    {
        _stopping = true;
        foreach (var job in _jobs.Values) HandBack(job);
        await Task.WhenAny(Task.WhenAll(_tasks.Values), Task.Delay(wait));
    }

    /// <summary>
    /// An ungraceful stop: jobs are stopped without reporting anything, as if the process had died, so their
    /// leases expire and the trials run again elsewhere.
    /// </summary>
    public void Abort()
    {
        _stopping = true;
        foreach (var job in _jobs.Values)
        {
            job.Silent = true;
            job.Cancellation.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5));
        _threads.Dispose();
    }

    private void HandBack(RunningJob job)
    {
        job.HandingBack = true;
        job.Cancellation.Cancel();
    }

    private async Task RunAsync(RunningJob running)
    {
        using var caller = CallerContext.AsSystem();
        var job = running.Job;
        var trial = grains.GetGrain<ITrialGrain>(job.TrialKey);
        // Disposing the timer ends the beats: its pending wait returns false (a cancelled wait would throw, once per job).
        using var heartbeat = new PeriodicTimer(options.Value.HeartbeatInterval);
        var beating = BeatAsync(running, trial, heartbeat);
        TrialResult result;
        try
        {
            LogStarted(job.TrialKey, running.Lease.Worker, running.Lease.Attempt);
            result = await executor.ExecuteAsync(job, running.Lease, (epoch, value) => Report(running, trial, epoch, value), running.Cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            result = new TrialResult
            {
                LeaseId = running.Lease.LeaseId,
                Outcome = running.HandingBack ? TrialOutcome.HandedBack : TrialOutcome.Abandoned,
            };
        }
        catch (Processes.TrainerFailureException e)
        {
            LogFailed(e, job.TrialKey);
            result = new TrialResult { LeaseId = running.Lease.LeaseId, Outcome = e.Retryable ? TrialOutcome.Crashed : TrialOutcome.Failed, Error = e.Message };
        }
        catch (Exception e)
        {
            LogFailed(e, job.TrialKey);
            result = new TrialResult { LeaseId = running.Lease.LeaseId, Outcome = TrialOutcome.Failed, Error = Describe(e) };
        }
        finally
        {
            heartbeat.Dispose();
        }
        await beating;

        if (!running.Silent && await DeliverAsync(trial, result, job.TrialKey) == false && result.ArtifactPath is { } stale)
        {
            await DiscardAsync(stale, job.TrialKey);
        }
        _jobs.TryRemove(job.TrialKey, out _);
        _tasks.TryRemove(job.TrialKey, out _);
        running.Cancellation.Dispose();
        if (!_stopping)
        {
            try
            {
                await grains.GetGrain<IWorkerGrain>(running.WorkerId).JobEndedAsync(job.TrialKey);
            }
            catch (Exception e)
            {
                LogWorkerUnreachable(e, running.WorkerId);
            }
        }
    }

    private EpochVerdict Report(RunningJob running, ITrialGrain trial, int epoch, double value)
    {
        using var caller = CallerContext.AsSystem();
        try
        {
            var verdict = trial.ReportEpochAsync(running.Lease.LeaseId, epoch, value).GetAwaiter().GetResult();
            if (verdict == EpochVerdict.Abandon) running.Abandoned = true;
            return verdict;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The study is unreachable for a moment: keep training; the lease heartbeat decides liveness.
            LogReportFailed(e, running.Job.TrialKey, epoch);
            return EpochVerdict.Continue;
        }
    }

    private async Task BeatAsync(RunningJob running, ITrialGrain trial, PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                if (await trial.HeartbeatAsync(running.Lease.LeaseId) == EpochVerdict.Abandon)
                {
                    running.Abandoned = true;
                    running.Cancellation.Cancel();
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                LogHeartbeatFailed(e, running.Job.TrialKey);
            }
        }
    }

    /// <summary>
    /// Reports the result, retrying while the trial grain is moving (a silo restart on its side); whether the trial
    /// accepted it, or null when it could not be told.
    /// </summary>
    private async Task<bool?> DeliverAsync(ITrialGrain trial, TrialResult result, string trialKey)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await trial.FinishAsync(result);
            }
            catch (Exception e) when (attempt < 5 && e is not Grains.ServiceException)
            {
                LogDeliveryRetry(e, trialKey, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
            catch (Exception e)
            {
                LogDeliveryFailed(e, trialKey);
                return null;
            }
        }
    }

    /// <summary>Deletes the artifact of an attempt its trial refused (a stale lease); the accepted attempt's file is another.</summary>
    private async Task DiscardAsync(string path, string trialKey)
    {
        try
        {
            await artifacts.DeletePrefixAsync(path);
            LogStaleArtifactDeleted(trialKey, path);
        }
        catch (Exception e)
        {
            LogStaleArtifactKept(e, trialKey, path);
        }
    }

    private static string Describe(Exception e) => e is AggregateException { InnerException: { } inner } ? Describe(inner) : $"{e.GetType().Name}: {e.Message}";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Trial {TrialKey} started on {Worker} (attempt {Attempt})")]
    private partial void LogStarted(string trialKey, string worker, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialKey} is already running here; duplicate start ignored")]
    private partial void LogDuplicate(string trialKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trial {TrialKey} failed")]
    private partial void LogFailed(Exception e, string trialKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Epoch {Epoch} report of {TrialKey} did not reach the study")]
    private partial void LogReportFailed(Exception e, string trialKey, int epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of {TrialKey} failed")]
    private partial void LogHeartbeatFailed(Exception e, string trialKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result of {TrialKey} not delivered yet (attempt {Attempt})")]
    private partial void LogDeliveryRetry(Exception e, string trialKey, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Result of {TrialKey} could not be delivered; its lease will expire and it will run again")]
    private partial void LogDeliveryFailed(Exception e, string trialKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result of {TrialKey} refused (its lease was lost); its artifact {Path} deleted")]
    private partial void LogStaleArtifactDeleted(string trialKey, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result of {TrialKey} refused; its artifact {Path} could not be deleted (it is never used)")]
    private partial void LogStaleArtifactKept(Exception e, string trialKey, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker {Worker} unreachable after a job ended")]
    private partial void LogWorkerUnreachable(Exception e, string worker);
}
