namespace AIMass.Grains.Tests.Infrastructure.Faults;

/// <summary>What happens to the first report of a trial's end that reaches a study (see <see cref="TrialEndFaults"/>).</summary>
public enum TrialEndFault
{
    /// <summary>The study's handler throws before it records anything (a failed call).</summary>
    Throw,

    /// <summary>The report is lost and its sender is told it arrived (as when the trial's silo dies after storing its end).</summary>
    Drop,

    /// <summary>The study records the end, then the acknowledgement is lost (the call fails after the handler ran).</summary>
    ThrowAfterRecording,
}
