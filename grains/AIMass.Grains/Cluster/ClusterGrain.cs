using AIMass.Grains.Scheduling;
using AIMass.Grains.Security;
using AIMass.Grains.Workers;
using AIMass.Grains.Workers.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace AIMass.Grains.Cluster;

/// <summary>Admin operations over the cluster: the view of silos, workers and queue, and draining.</summary>
public sealed class ClusterGrain(ISiloMetadataCache metadata) : Grain, IClusterGrain
{
    public async Task<ClusterView> GetViewAsync()
    {
        using var _ = CallerContext.AsSystem();
        var queue = await Scheduler.GetViewAsync();
        var workers = await Task.WhenAll(queue.Workers.Select(w => GrainFactory.GetGrain<IWorkerGrain>(w.WorkerId).GetStatusAsync()));
        var silos = await SilosAsync(workers);
        return new ClusterView { Silos = silos, Workers = workers, Queue = queue };
    }

    public async Task<SiloInfo> DrainSiloAsync(string siloName, bool handBack = false)
    {
        using var _ = CallerContext.AsSystem();
        var silo = await FindSiloAsync(siloName);
        foreach (var device in silo.Devices)
        {
            await GrainFactory.GetGrain<IWorkerGrain>(WorkerKeys.For(siloName, device)).DrainAsync(handBack);
        }
        return await FindSiloAsync(siloName);
    }

    public async Task<SiloInfo> UndrainSiloAsync(string siloName)
    {
        using var _ = CallerContext.AsSystem();
        var silo = await FindSiloAsync(siloName);
        foreach (var device in silo.Devices)
        {
            await GrainFactory.GetGrain<IWorkerGrain>(WorkerKeys.For(siloName, device)).UndrainAsync();
        }
        return await FindSiloAsync(siloName);
    }

    private async Task<SiloInfo> FindSiloAsync(string siloName)
    {
        var workers = await Task.WhenAll((await Scheduler.GetViewAsync()).Workers
            .Where(w => w.Silo == siloName)
            .Select(w => GrainFactory.GetGrain<IWorkerGrain>(w.WorkerId).GetStatusAsync()));
        return (await SilosAsync(workers)).FirstOrDefault(s => s.Name == siloName)
            ?? throw ServiceException.NotFound($"Silo '{siloName}'");
    }

    private async Task<SiloInfo[]> SilosAsync(IReadOnlyList<Workers.WorkerStatus> workers)
    {
        var hosts = await GrainFactory.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return hosts.Select(h =>
        {
            var entries = metadata.GetSiloMetadata(h.SiloAddress).Metadata;
            var name = entries.GetValueOrDefault(SiloMetadataKeys.Silo) ?? h.SiloName;
            var devices = (entries.GetValueOrDefault(SiloMetadataKeys.Devices) ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var mine = workers.Where(w => w.Silo == name).ToList();
            return new SiloInfo
            {
                Name = name,
                Address = h.SiloAddress.ToString(),
                Status = h.Status.ToString(),
                Role = entries.GetValueOrDefault(SiloMetadataKeys.Role) ?? "",
                Devices = devices,
                Draining = mine.Count > 0 && mine.All(w => w.Draining),
                RunningJobs = mine.Sum(w => w.RunningTrials.Length),
            };
        }).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
    }

    private ISchedulerGrain Scheduler => GrainFactory.GetGrain<ISchedulerGrain>(ISchedulerGrain.Key);
}
