using AIMass.Grains.Security;

namespace AIMass.Grains.Studies;

/// <summary>
/// One study (key <c>{tenant}/{study}</c>): owns its optimizer (the snapshot is its state), its trials'
/// history and its leaderboards; asks for trials, answers per-epoch reports, honours its budget.
/// </summary>
public interface IStudyGrain : IGrainWithStringKey, ITenantScopedGrain
{
    /// <summary>Validates the spec against the data set and starts the study.</summary>
    Task<StudyInfo> CreateAsync(StudySpec spec);

    /// <summary>State and summary figures.</summary>
    Task<StudyInfo> GetAsync();

    /// <summary>All trials, in number order.</summary>
    Task<TrialSummary[]> GetTrialsAsync();

    /// <summary>The leaderboard of one scenario (null: the first scenario).</summary>
    Task<Leaderboard> GetLeaderboardAsync(string? scenario = null);

    /// <summary>Leaderboards of every scenario.</summary>
    Task<Leaderboard[]> GetLeaderboardsAsync();

    /// <summary>Models on the Pareto front of validation score vs parameters vs latency.</summary>
    Task<TrialSummary[]> GetParetoFrontAsync();

    /// <summary>Share of the objective's variance each parameter explains (complete trials only).</summary>
    Task<Dictionary<string, double>> GetParameterImportancesAsync();

    /// <summary>Stops handing out trials; running ones finish.</summary>
    Task<StudyInfo> PauseAsync();

    /// <summary>Continues a paused study.</summary>
    Task<StudyInfo> ResumeAsync();

    /// <summary>Stops the study; running trials are abandoned.</summary>
    Task<StudyInfo> CancelAsync();

    /// <summary>
    /// Deletes the study: a running one is cancelled first; its trials' records, its own record, its model artifacts (every
    /// attempt) and its entry in the tenant's index go, and the stored bytes of its models are given back.
    /// </summary>
    Task DeleteAsync();

    /// <summary>A running trial's epoch result; the answer says whether to go on.</summary>
    [SystemOnly]
    Task<EpochVerdict> ReportEpochAsync(int trialNumber, int epoch, double value);

    /// <summary>A trial was leased and started on a worker (one-way: a status update for the views).</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task TrialStartedAsync(int trialNumber, string worker, string silo, DateTimeOffset startedUtc, int attempt);

    /// <summary>A trial reached a final state.</summary>
    [SystemOnly]
    Task TrialFinishedAsync(TrialSummary trial);

    /// <summary>Periodic check: budgets, expired leases, trials to ask. Called by the supervisor.</summary>
    [SystemOnly, Orleans.Concurrency.OneWay]
    Task TickAsync();
}
