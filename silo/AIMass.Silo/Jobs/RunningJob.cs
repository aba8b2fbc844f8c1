using AIMass.Grains.Trials;

namespace AIMass.Silo.Jobs;

/// <summary>A job this silo is running: its lease and the means to stop it.</summary>
internal sealed class RunningJob(string workerId, TrialJob job, TrialLease lease)
{
    public string WorkerId { get; } = workerId;
    public TrialJob Job { get; } = job;
    public TrialLease Lease { get; } = lease;
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Set when the job is being given back (drain with hand-back, shutdown).</summary>
    public volatile bool HandingBack;

    /// <summary>Set when the silo dies: the job ends without reporting (its lease will expire).</summary>
    public volatile bool Silent;

    /// <summary>Set when the study or a lost lease told the job to stop.</summary>
    public volatile bool Abandoned;
}
