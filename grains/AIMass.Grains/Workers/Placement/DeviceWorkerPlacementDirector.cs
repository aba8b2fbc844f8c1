using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace AIMass.Grains.Workers.Placement;

/// <summary>
/// Keeps the silos whose metadata names the worker key's silo and lists its device. With none left,
/// Orleans refuses the placement at once ("No active nodes are compatible"), so a GPU worker can never
/// be activated on a CPU-only silo.
/// </summary>
public sealed class DeviceWorkerPlacementDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var (silo, device) = WorkerKeys.Split(target.GrainIdentity.Key.ToString()!);
        foreach (var address in silos)
        {
            var entries = metadata.GetSiloMetadata(address).Metadata;
            if (!entries.TryGetValue(SiloMetadataKeys.Silo, out var name) || name != silo) continue;
            var devices = entries.TryGetValue(SiloMetadataKeys.Devices, out var list) ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (devices.Contains(device, StringComparer.Ordinal)) yield return address;
        }
    }
}
