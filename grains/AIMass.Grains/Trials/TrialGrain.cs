using AIMass.Grains.Hosting;
using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Telemetry;
using AIMass.Grains.Tenants;
using AIMass.Grains.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIMass.Grains.Trials;

/// <summary>
/// One trial's execution: job, attempts, lease and heartbeat, epoch reports, outcome. Only the current
/// lease holder may report; a lease that stops beating is taken back (re-queued up to the attempt limit,
/// then failed with the reason), so a trial is never lost and never completed twice.
/// Calls to its study are one-directional (the study only calls trials one-way, or new ones), so no call
/// cycle can deadlock. Its end is stored before the study hears of it, and told again until the study acknowledges it
/// (see <c>TrialGrain.HandOff.cs</c>).
/// </summary>
public sealed partial class TrialGrain(
    [PersistentState("trial", StorageNames.State)] IPersistentState<TrialGrainState> state,
    IOptions<JobSchedulingOptions> options,
    TimeProvider clock,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    private readonly List<double> _intermediate = [];
    private DateTimeOffset _lastBeat;
    private DateTimeOffset _chargedUntil;
    private double _chargedThisAttempt;
    private bool _quotaSpent;
    private IGrainTimer? _leaseTimer;

    private TrialGrainState S => state.State;
    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // After a move or restart the last heartbeat is unknown: give the holder one full lease period.
        _lastBeat = clock.GetUtcNow();
        _intermediate.AddRange(S.Summary.IntermediateValues);
        if (S.Summary.Status == TrialStatus.Running) StartLeaseTimer();
        if (S.StudyUntold) StartHandOffTimer();
        return Task.CompletedTask;
    }

    public async Task QueueAsync(TrialJob job)
    {
        if (S.Job is not null)
        {
            // A study that still counts a finished trial as queued missed its end: it is told again.
            if (IsFinal(S.Summary.Status)) await HandOffAsync();
            if (S.Summary.Status != TrialStatus.Queued) return;
            if (S.Held)
            {
                S.Held = false;
                Note("released");
                await state.WriteStateAsync();
            }
            await EnqueueAsync();
            return;
        }
        S.Job = job;
        S.Summary = new TrialSummary
        {
            Number = job.Number, Status = TrialStatus.Queued, Kind = job.Kind, Params = job.Params, TeacherTrial = job.TeacherTrial, QueuedUtc = clock.GetUtcNow(),
        };
        Note("queued");
        await state.WriteStateAsync();
        await EnqueueAsync();
    }

    public async Task WithdrawAsync()
    {
        if (S.Job is null || S.Summary.Status != TrialStatus.Queued || S.Held) return;
        S.Held = true;
        Note("withdrawn (study paused)");
        await state.WriteStateAsync();
        await Scheduler.ReleaseAsync(Key);
    }

    public Task<TrialInfo> GetAsync()
    {
        if (S.Job is null) throw ServiceException.NotFound($"Trial '{Key}'");
        return Task.FromResult(new TrialInfo
        {
            Job = S.Job,
            Summary = S.Summary with { IntermediateValues = _intermediate.ToArray() },
            Lease = S.Lease,
            History = S.History.ToArray(),
        });
    }

    public async Task<TrialJob?> StartAsync(TrialLease lease)
    {
        if (S.Job is null || S.Summary.Status != TrialStatus.Queued || S.CancelReason is not null || S.Held) return null;
        S.Attempts++;
        S.Lease = lease with { Attempt = S.Attempts };
        S.Summary = S.Summary with
        {
            Status = TrialStatus.Running,
            StartedUtc = S.Summary.StartedUtc ?? lease.GrantedUtc,
            Worker = lease.Worker,
            Silo = lease.Silo,
            Attempts = S.Attempts,
        };
        _intermediate.Clear();
        _lastBeat = clock.GetUtcNow();
        _chargedUntil = _lastBeat;
        _chargedThisAttempt = 0;
        _quotaSpent = false;
        Note($"attempt {S.Attempts} leased to {lease.Worker}");
        await state.WriteStateAsync();
        StartLeaseTimer();
        _ = Study.TrialStartedAsync(S.Job.Number, lease.Worker, lease.Silo, lease.GrantedUtc, S.Attempts);
        return S.Job with { ArtifactPath = AttemptArtifact(S.Lease) };
    }

    public async Task<EpochVerdict> HeartbeatAsync(string leaseId)
    {
        if (!Holds(leaseId)) return EpochVerdict.Abandon;
        _lastBeat = clock.GetUtcNow();
        if (S.CancelReason is not null) return EpochVerdict.Abandon;
        await ChargeAsync(_lastBeat);
        return EpochVerdict.Continue;
    }

    /// <summary>
    /// Charges the tenant for the time this attempt has run since the last charge (at every heartbeat, so a long trial
    /// spends the quota as it runs); when the quota is spent, the trial stops at its next epoch with its model so far.
    /// </summary>
    private async Task ChargeAsync(DateTimeOffset now)
    {
        if (_chargedUntil == default) _chargedUntil = S.Lease?.GrantedUtc ?? now;
        var seconds = (now - _chargedUntil).TotalSeconds;
        if (seconds <= 0) return;
        _chargedUntil = now;
        _chargedThisAttempt += seconds;
        using (CallerContext.AsSystem())
        {
            if (!await GrainFactory.GetGrain<ITenantGrain>(S.Job!.TenantId).ChargeComputeAsync(seconds)) _quotaSpent = true;
        }
    }

    public async Task<EpochVerdict> ReportEpochAsync(string leaseId, int epoch, double value)
    {
        if (!Holds(leaseId)) return EpochVerdict.Abandon;
        _lastBeat = clock.GetUtcNow();
        if (S.CancelReason is not null) return EpochVerdict.Abandon;
        if (!double.IsFinite(value)) return EpochVerdict.Prune;
        if (_quotaSpent)
        {
            Note("stopped at this epoch: the tenant's daily compute quota is spent");
            return EpochVerdict.Finish;
        }
        while (_intermediate.Count < epoch - 1) _intermediate.Add(double.NaN);
        if (_intermediate.Count >= epoch) _intermediate[epoch - 1] = value;
        else _intermediate.Add(value);
        return await Study.ReportEpochAsync(S.Job!.Number, epoch, value);
    }

    public async Task<bool> FinishAsync(TrialResult result)
    {
        if (!Holds(result.LeaseId)) return false;
        var now = clock.GetUtcNow();
        var outcome = result.Outcome;
        if (outcome == TrialOutcome.Abandoned && S.CancelReason is null) outcome = TrialOutcome.HandedBack;
        if (outcome == TrialOutcome.HandedBack)
        {
            S.Attempts = Math.Max(0, S.Attempts - 1);
            await RequeueAsync("handed back by its worker");
            return true;
        }
        if (outcome == TrialOutcome.Crashed && S.Attempts < options.Value.MaxAttempts && S.CancelReason is null)
        {
            await RequeueAsync($"attempt {S.Attempts} crashed: {result.Error ?? "the trainer process died"}");
            return true;
        }

        // What the heartbeats did not charge yet (the attempt's last seconds).
        var remainder = result.ComputeSeconds - _chargedThisAttempt;
        _chargedThisAttempt = 0;
        _chargedUntil = default;
        if (remainder > 0)
        {
            using (CallerContext.AsSystem()) await GrainFactory.GetGrain<ITenantGrain>(S.Job!.TenantId).ChargeComputeAsync(remainder);
        }

        var status = outcome switch
        {
            TrialOutcome.Completed => TrialStatus.Complete,
            TrialOutcome.Pruned => TrialStatus.Pruned,
            TrialOutcome.Abandoned => TrialStatus.Cancelled,
            _ => TrialStatus.Failed,
        };
        var refusal = status is TrialStatus.Complete or TrialStatus.Pruned ? await ChargeModelAsync(result) : null;
        if (refusal is not null) status = TrialStatus.Failed;
        S.Summary = S.Summary with
        {
            Status = status,
            Value = status is TrialStatus.Complete or TrialStatus.Pruned ? result.ValidationScore : null,
            IntermediateValues = _intermediate.ToArray(),
            TestMetrics = result.TestMetrics,
            ValidationMetrics = result.ValidationMetrics,
            FinishedUtc = now,
            ParameterCount = result.ParameterCount,
            LatencyMs = result.LatencyMs,
            ArtifactBytes = result.ArtifactBytes,
            // The file this lease was given: only the accepted attempt's model is ever recorded.
            ArtifactPath = result.ArtifactPath is null || refusal is not null ? null : AttemptArtifact(S.Lease!),
            TrainedAs = result.TrainedAs,
            TrainRows = result.TrainRows,
            Members = result.Members,
            MemberWeights = result.MemberWeights,
            ComputeSeconds = S.Summary.ComputeSeconds + result.ComputeSeconds,
            Reason = status switch
            {
                TrialStatus.Failed when refusal is not null => refusal,
                TrialStatus.Failed when outcome == TrialOutcome.Crashed => $"{result.Error ?? "the trainer process died"} ({S.Attempts} attempts; retry limit {options.Value.MaxAttempts} reached)",
                TrialStatus.Failed => result.Error ?? "the run failed",
                TrialStatus.Cancelled => S.CancelReason,
                TrialStatus.Pruned => S.Job?.Folds > 0 ? $"pruned after fold {result.EpochsRun} of {S.Job.Folds * Math.Max(1, S.Job.Repeats)}" : $"pruned after epoch {result.EpochsRun}",
                _ => null,
            },
        };
        S.Lease = null;
        S.StudyUntold = true;
        Note($"{status.ToString().ToLowerInvariant()} (attempt {S.Attempts})");
        await state.WriteStateAsync();
        StopLeaseTimer();
        ServiceMetrics.TrialsFinished.Add(1, new KeyValuePair<string, object?>("outcome", status.ToString()));
        if (result.ComputeSeconds > 0) ServiceMetrics.TrainingSeconds.Record(result.ComputeSeconds);
        await HandOffAsync();
        return true;
    }

    public async Task CheckAsync()
    {
        if (S.Job is null) return;
        switch (S.Summary.Status)
        {
            case TrialStatus.Queued when !S.Held:
                await EnqueueAsync();
                break;
            case TrialStatus.Running when LeaseExpired():
                await ExpireLeaseAsync();
                break;
            case TrialStatus.Running:
                await Scheduler.TrackRunningAsync(Ticket(), S.Lease!.Worker);
                break;
            case var status when IsFinal(status):
                // The study still counts it as running: it missed the trial's end.
                await HandOffAsync();
                break;
        }
    }

    public async Task CancelAsync(string reason)
    {
        if (S.Job is null || IsFinal(S.Summary.Status)) return;
        S.CancelReason = reason;
        if (S.Summary.Status == TrialStatus.Queued)
        {
            S.Summary = S.Summary with { Status = TrialStatus.Cancelled, Reason = reason, FinishedUtc = clock.GetUtcNow() };
            S.StudyUntold = true;
            Note($"cancelled: {reason}");
            await state.WriteStateAsync();
            await HandOffAsync();
            return;
        }
        // Running: the trial ends now, whatever its worker does. Its lease is dropped (so the worker's next heartbeat or
        // report is answered "abandon" and its late result is refused) and its worker is told to stop the job at once.
        var worker = S.Lease?.Worker;
        S.Summary = S.Summary with { Status = TrialStatus.Cancelled, Reason = reason, FinishedUtc = clock.GetUtcNow(), IntermediateValues = _intermediate.ToArray() };
        S.Lease = null;
        await FinalizeAsync();
        if (worker is null) return;
        using (CallerContext.AsSystem()) _ = GrainFactory.GetGrain<IWorkerGrain>(worker).StopJobAsync(Key);
    }

    private bool LeaseExpired() => clock.GetUtcNow() - Max(_lastBeat, S.Lease?.GrantedUtc ?? _lastBeat) > options.Value.LeaseDuration;

    private async Task ExpireLeaseAsync()
    {
        var worker = S.Lease?.Worker ?? "?";
        ServiceMetrics.LeaseExpiries.Add(1);
        LogLeaseExpired(Key, worker, S.Attempts);
        if (S.CancelReason is not null)
        {
            S.Summary = S.Summary with { Status = TrialStatus.Cancelled, Reason = S.CancelReason, FinishedUtc = clock.GetUtcNow() };
            S.Lease = null;
            await FinalizeAsync();
            return;
        }
        if (S.Attempts >= options.Value.MaxAttempts)
        {
            S.Summary = S.Summary with
            {
                Status = TrialStatus.Failed,
                Reason = $"its lease expired {S.Attempts} times (worker or silo lost, last on {worker}); retry limit {options.Value.MaxAttempts} reached",
                FinishedUtc = clock.GetUtcNow(),
            };
            S.Lease = null;
            await FinalizeAsync();
            return;
        }
        await RequeueAsync($"lease on {worker} expired");
    }

    private async Task FinalizeAsync()
    {
        S.StudyUntold = true;
        Note(S.Summary.Reason ?? S.Summary.Status.ToString());
        await state.WriteStateAsync();
        StopLeaseTimer();
        ServiceMetrics.TrialsFinished.Add(1, new KeyValuePair<string, object?>("outcome", S.Summary.Status.ToString()));
        await HandOffAsync();
    }

    private async Task RequeueAsync(string why)
    {
        S.Lease = null;
        S.Summary = S.Summary with { Status = TrialStatus.Queued, Worker = null, Silo = null, Attempts = S.Attempts };
        _intermediate.Clear();
        Note($"re-queued: {why}");
        await state.WriteStateAsync();
        StopLeaseTimer();
        await Scheduler.ReleaseAsync(Key);
        await EnqueueAsync();
    }

    private Task EnqueueAsync() => Scheduler.EnqueueAsync(Ticket());

    private JobTicket Ticket() => new()
    {
        TrialKey = Key,
        TenantId = S.Job!.TenantId,
        StudyKey = GrainKeys.Scoped(S.Job.TenantId, S.Job.StudyId),
        Device = S.Job.Device,
        Attempt = S.Attempts,
        EnqueuedUtc = clock.GetUtcNow(),
    };

    private string AttemptArtifact(TrialLease lease) =>
        Artifacts.ArtifactPaths.TrialAttemptModel(S.Job!.TenantId, S.Job.StudyId, S.Job.Number, lease.Attempt, lease.LeaseId);

    private bool Holds(string leaseId) => S.Summary.Status == TrialStatus.Running && S.Lease?.LeaseId == leaseId;

    private void StartLeaseTimer()
    {
        if (_leaseTimer is not null) return;
        var period = options.Value.LeaseDuration / 2;
        _leaseTimer = this.RegisterGrainTimer(async _ =>
        {
            using (CallerContext.AsSystem())
            {
                if (S.Summary.Status == TrialStatus.Running && LeaseExpired()) await ExpireLeaseAsync();
            }
        }, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
    }

    private void StopLeaseTimer()
    {
        _leaseTimer?.Dispose();
        _leaseTimer = null;
    }

    private void Note(string what)
    {
        S.History.Add($"{clock.GetUtcNow():O} {what}");
        if (S.History.Count > 50) S.History.RemoveAt(0);
    }

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Complete or TrialStatus.Pruned or TrialStatus.Failed or TrialStatus.Cancelled;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    private IStudyGrain Study => GrainFactory.GetGrain<IStudyGrain>(GrainKeys.Scoped(S.Job!.TenantId, S.Job.StudyId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease of trial {TrialKey} on {Worker} expired (attempt {Attempt})")]
    private partial void LogLeaseExpired(string trialKey, string worker, int attempt);
}
