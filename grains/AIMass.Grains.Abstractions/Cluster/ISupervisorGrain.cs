using AIMass.Grains.Security;

namespace AIMass.Grains.Cluster;

/// <summary>
/// Keeps the durable list of active studies and ticks them periodically (budgets, dead leases, lost
/// queue entries). Every silo pings it at start-up and then regularly, so running studies resume after
/// a restart or a silo loss without relying on in-memory reminders.
/// </summary>
public interface ISupervisorGrain : IGrainWithStringKey
{
    public const string Key = "supervisor";

    /// <summary>Adds a study to the active list.</summary>
    [SystemOnly]
    Task RegisterStudyAsync(string studyKey);

    /// <summary>Removes a finished study.</summary>
    [SystemOnly]
    Task UnregisterStudyAsync(string studyKey);

    /// <summary>Makes sure the supervisor is active and ticking; returns the number of active studies.</summary>
    [SystemOnly]
    Task<int> PingAsync();

    /// <summary>The active study keys.</summary>
    [AdminOnly]
    Task<string[]> ListActiveAsync();
}
