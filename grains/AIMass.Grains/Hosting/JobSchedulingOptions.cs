namespace AIMass.Grains.Hosting;

/// <summary>Timing of leases and checks (configuration section <c>AIMass:Scheduling</c>).</summary>
public sealed class JobSchedulingOptions
{
    public const string Section = "AIMass:Scheduling";

    /// <summary>A lease not renewed for this long is taken back and the trial re-queued.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running job renews its lease.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs a trial may start before it is failed for good (lost leases count, hand-backs do not).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How often the supervisor ticks active studies.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(2);
}
