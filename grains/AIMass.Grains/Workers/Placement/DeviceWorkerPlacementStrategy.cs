using Orleans.Placement;

namespace AIMass.Grains.Workers.Placement;

/// <summary>Placement filter strategy: a worker grain may live only on the silo named in its key, and only if that silo offers the device.</summary>
public sealed class DeviceWorkerPlacementStrategy() : PlacementFilterStrategy(order: 0);
