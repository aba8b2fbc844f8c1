namespace AIMass.Trainer.Protocol;

/// <summary>Why a job ended without a result.</summary>
public static class FailureKinds
{
    /// <summary>The job threw (bad data, a diverged model, a bug).</summary>
    public const string Error = "error";

    /// <summary>An allocation failed: the job needs more memory than its limit.</summary>
    public const string Memory = "memory";

    /// <summary>The job was cancelled or abandoned.</summary>
    public const string Cancelled = "cancelled";
}
