using AIMass.Grains.Hosting;
using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Grains.Telemetry;
using AIMass.Grains.Trials;
using AIMass.Grains.Workers.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AIMass.Grains.Workers;

/// <summary>
/// One device of one silo. While it has free slots and is not draining it leases jobs from the scheduler,
/// starts them on their trial grain (which records the lease) and hands them to the silo's
/// <see cref="IJobRunner"/>. It computes nothing itself.
/// </summary>
[DeviceWorkerPlacement]
public sealed partial class WorkerGrain(
    IJobRunner runner,
    IOptions<JobSchedulingOptions> options,
    TimeProvider clock,
    ILogger<WorkerGrain> logger) : Grain, IWorkerGrain
{
    private int _slots = 1;
    private long _started;
    private DateTimeOffset? _lastJob;

    private string WorkerId => this.GetPrimaryKeyString();
    private string Device => WorkerKeys.Split(WorkerId).Device;

    public async Task StartAsync(int slots)
    {
        _slots = Math.Max(1, slots);
        using (CallerContext.AsSystem())
        {
            await Scheduler.RegisterWorkerAsync(Descriptor());
            await FillSlotsAsync();
        }
    }

    public async Task WakeAsync()
    {
        using (CallerContext.AsSystem())
        {
            await FillSlotsAsync();
        }
    }

    public Task StopJobAsync(string trialKey)
    {
        runner.Stop(trialKey);
        return Task.CompletedTask;
    }

    public async Task JobEndedAsync(string trialKey)
    {
        using (CallerContext.AsSystem())
        {
            await FillSlotsAsync();
        }
    }

    public async Task DrainAsync(bool handBack)
    {
        runner.SetDraining(WorkerId, draining: true, handBack);
        using (CallerContext.AsSystem())
        {
            await Scheduler.RegisterWorkerAsync(Descriptor());
        }
    }

    public async Task UndrainAsync()
    {
        runner.SetDraining(WorkerId, draining: false, handBack: false);
        using (CallerContext.AsSystem())
        {
            await Scheduler.RegisterWorkerAsync(Descriptor());
            await FillSlotsAsync();
        }
    }

    public Task<WorkerStatus> GetStatusAsync() => Task.FromResult(new WorkerStatus
    {
        WorkerId = WorkerId,
        Silo = runner.SiloName,
        Device = Device,
        Slots = _slots,
        RunningTrials = runner.RunningTrials(WorkerId).ToArray(),
        Draining = runner.IsDraining(WorkerId),
        JobsStarted = _started,
        LastJobUtc = _lastJob,
    });

    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);

    private WorkerDescriptor Descriptor() => new()
    {
        WorkerId = WorkerId,
        Silo = runner.SiloName,
        Device = Device,
        Slots = _slots,
        Busy = runner.RunningTrials(WorkerId).Count,
        Draining = runner.IsDraining(WorkerId),
    };

    private async Task FillSlotsAsync()
    {
        while (!runner.IsDraining(WorkerId) && runner.RunningTrials(WorkerId).Count < _slots)
        {
            var offer = await Scheduler.LeaseAsync(Descriptor());
            if (offer is null) break;

            var now = clock.GetUtcNow();
            var lease = new TrialLease
            {
                LeaseId = offer.LeaseId,
                Worker = WorkerId,
                Silo = runner.SiloName,
                Device = Device,
                GrantedUtc = now,
                DeadlineUtc = now + options.Value.LeaseDuration,
            };
            TrialJob? job;
            try
            {
                job = await GrainFactory.GetGrain<ITrialGrain>(offer.Ticket.TrialKey).StartAsync(lease);
            }
            catch (Exception e)
            {
                LogStartFailed(e, offer.Ticket.TrialKey);
                job = null;
            }
            if (job is null)
            {
                await Scheduler.ReleaseAsync(offer.Ticket.TrialKey);
                continue;
            }
            runner.Start(WorkerId, Device, job, lease);
            _started++;
            _lastJob = now;
            ServiceMetrics.TrialsStarted.Add(1, new KeyValuePair<string, object?>("device", Device));
        }
        ServiceMetrics.SetWorker(WorkerId, runner.RunningTrials(WorkerId).Count, _slots);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start trial {TrialKey}; it goes back to its study")]
    private partial void LogStartFailed(Exception e, string trialKey);
}
