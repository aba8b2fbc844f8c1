namespace AIMass.Silo.Jobs.Processes;

/// <summary>
/// A job ended in its trainer process without a result. <see cref="Retryable"/>: the process died or stopped answering
/// (a native fault, a kill), so another attempt may succeed; otherwise (a memory or time limit, an error the job threw)
/// the trial fails with <see cref="Exception.Message"/> as its reason.
/// </summary>
public sealed class TrainerFailureException(string message, bool retryable) : Exception(message)
{
    public bool Retryable { get; } = retryable;
}
