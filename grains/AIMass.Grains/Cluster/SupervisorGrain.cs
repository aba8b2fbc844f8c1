using AIMass.Grains.Hosting;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using Microsoft.Extensions.Options;

namespace AIMass.Grains.Cluster;

/// <summary>
/// The durable list of active studies and their clock: every tick it sends each one a one-way
/// <see cref="IStudyGrain.TickAsync"/>, which activates a study whose silo was lost and lets it check
/// budgets, dead leases and lost queue entries. It never waits on a study, so studies may call it freely.
/// Every silo pings it (start-up and every few seconds); a durable reminder is the second way back to life
/// where reminders are durable (Azure Table reminders in the scaled-out setup).
/// </summary>
public sealed class SupervisorGrain(
    [PersistentState("supervisor", StorageNames.State)] IPersistentState<SupervisorState> state,
    IOptions<JobSchedulingOptions> options) : Grain, ISupervisorGrain, IRemindable
{
    private const string WakeReminder = "wake";
    private IGrainTimer? _timer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.TickInterval;
        _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(period, period) { KeepAlive = true });
        await this.RegisterOrUpdateReminder(WakeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Tick();

    public async Task RegisterStudyAsync(string studyKey)
    {
        if (state.State.ActiveStudies.Add(studyKey)) await state.WriteStateAsync();
    }

    public async Task UnregisterStudyAsync(string studyKey)
    {
        if (state.State.ActiveStudies.Remove(studyKey)) await state.WriteStateAsync();
    }

    public Task<int> PingAsync() => Task.FromResult(state.State.ActiveStudies.Count);

    public Task<string[]> ListActiveAsync() => Task.FromResult(state.State.ActiveStudies.ToArray());

    private Task Tick()
    {
        using (CallerContext.AsSystem())
        {
            foreach (var key in state.State.ActiveStudies)
            {
                _ = GrainFactory.GetGrain<IStudyGrain>(key).TickAsync();
            }
        }
        return Task.CompletedTask;
    }
}
