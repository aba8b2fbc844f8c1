using Orleans.Placement;

namespace AIMass.Grains.Workers.Placement;

/// <summary>Marks a grain class whose key is <c>{silo}/{device}</c>: it is placed only on that silo, and only if the silo's metadata offers the device.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DeviceWorkerPlacementAttribute() : PlacementFilterAttribute(new DeviceWorkerPlacementStrategy());
