using AIMass.Grains.Studies;

namespace AIMass.Client.Studies;

/// <summary>
/// The polling loop behind <see cref="IAIMassClient.WaitForCompletionAsync"/>, shared by both transports: it
/// reads the study (and, when something changed, its trials) every poll interval, reports changes, rides
/// out a bounded run of transient failures, and returns the final state.
/// </summary>
internal static class StudyPolling
{
    /// <summary>How many recently finished trials a progress report carries.</summary>
    public const int RecentTrials = 5;

    public static async Task<StudyInfo> WaitAsync(
        Func<CancellationToken, Task<StudyInfo>> getStudy,
        Func<CancellationToken, Task<IReadOnlyList<TrialSummary>>> getTrials,
        Func<Exception, bool> isTransient,
        IProgress<StudyProgress>? progress,
        TimeSpan interval,
        int maxTransientFailures,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(getStudy);
        ArgumentNullException.ThrowIfNull(getTrials);
        var lastFinished = -1;
        TrialSummary[] recent = [];
        var failures = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            StudyInfo study;
            try
            {
                study = await getStudy(ct).ConfigureAwait(false);
                if (progress is not null)
                {
                    if (study.TrialsFinished != lastFinished || study.IsFinished)
                    {
                        recent = Recent(await getTrials(ct).ConfigureAwait(false));
                        lastFinished = study.TrialsFinished;
                    }
                    progress.Report(new StudyProgress { Study = study, RecentTrials = recent });
                }
                failures = 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && isTransient(e) && failures < maxTransientFailures)
            {
                failures++;
                await Task.Delay(interval, ct).ConfigureAwait(false);
                continue;
            }
            if (study.IsFinished) return study;
            await Task.Delay(interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The most recently finished trials, newest first.</summary>
    public static TrialSummary[] Recent(IEnumerable<TrialSummary> trials) => trials
        .Where(t => t.FinishedUtc is not null)
        .OrderByDescending(t => t.FinishedUtc)
        .ThenByDescending(t => t.Number)
        .Take(RecentTrials)
        .ToArray();
}
