using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Workers;

namespace AIMass.Grains.Trials;

/// <summary>The end of a trial whose study was deleted: nothing of it stays, and a late worker's result is refused.</summary>
public sealed partial class TrialGrain
{
    public async Task DeleteAsync()
    {
        if (S.Job is null)
        {
            DeactivateOnIdle();
            return;
        }
        var worker = S.Summary.Status == TrialStatus.Running ? S.Lease?.Worker : null;
        StopLeaseTimer();
        StopHandOffTimer();
        _intermediate.Clear();
        await state.ClearStateAsync();
        // No job and no lease: whatever the worker reports next is answered "abandon" or refused.
        state.State = new TrialGrainState();
        using (CallerContext.AsSystem())
        {
            await Scheduler.ReleaseAsync(Key);
            if (worker is not null) _ = GrainFactory.GetGrain<IWorkerGrain>(worker).StopJobAsync(Key);
        }
        DeactivateOnIdle();
    }
}
