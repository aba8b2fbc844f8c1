namespace AIMass.Silo.Configuration;

/// <summary>
/// How this silo runs training jobs (section <c>AIMass:Trainer</c>): in trainer worker processes (the default, also
/// embedded) so that a job's memory, native faults and hangs hurt only its own attempt, or in the silo's process
/// (<c>inprocess</c>: tests and library users).
/// </summary>
public sealed class TrainerOptions
{
    public const string Process = "process";
    public const string InProcess = "inprocess";

    /// <summary><c>process</c> (default) or <c>inprocess</c>.</summary>
    public string Isolation { get; set; } = Process;

    /// <summary>
    /// Memory of one trainer process (runtime and job together), in MiB: its data segment is capped with
    /// <c>RLIMIT_DATA</c> and its resident memory is watched at every heartbeat; a job past it fails with the reason.
    /// </summary>
    public int MemoryLimitMiB { get; set; } = 4096;

    /// <summary>Wall-clock limit of one job; a job past it is killed and fails with the reason.</summary>
    public TimeSpan JobTimeLimit { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// A trainer process is replaced after this many jobs (and after any failure): a guard against native memory that
    /// grows over many jobs, against a start-up and warm-up of about 1.5 CPU-seconds per new process.
    /// </summary>
    public int MaxJobsPerProcess { get; set; } = 200;

    /// <summary>Idle trainer processes kept for the next jobs.</summary>
    public int MaxIdleProcesses { get; set; } = 4;

    /// <summary>A trainer silent this long (no heartbeat) is killed and its attempt fails.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a new trainer process may take to connect.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Errors naming each invalid setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (Isolation is not (Process or InProcess)) yield return $"AIMass:Trainer:Isolation '{Isolation}' is unknown (use process or inprocess)";
        if (MemoryLimitMiB < 256) yield return "AIMass:Trainer:MemoryLimitMiB must be at least 256";
        if (JobTimeLimit <= TimeSpan.Zero) yield return "AIMass:Trainer:JobTimeLimit must be positive";
        if (MaxJobsPerProcess < 1) yield return "AIMass:Trainer:MaxJobsPerProcess must be at least 1";
        if (MaxIdleProcesses < 0) yield return "AIMass:Trainer:MaxIdleProcesses must not be negative";
        if (HeartbeatTimeout < TimeSpan.FromSeconds(2)) yield return "AIMass:Trainer:HeartbeatTimeout must be at least 2 seconds";
    }
}
