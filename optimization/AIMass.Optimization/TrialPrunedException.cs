namespace AIMass.Optimization;

/// <summary>
/// Thrown by an objective (usually right after <see cref="Trial.ShouldPrune"/> answered true) to end the trial
/// as <see cref="TrialState.Pruned"/>; <see cref="Study.Optimize(Func{Trial, double}, int?, TimeSpan?, int, CancellationToken)"/>
/// records the trial as pruned and goes on.
/// </summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialPrunedException() : base("The trial was pruned.") { }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TrialPrunedException(string message, Exception inner) : base(message, inner) { }
}
