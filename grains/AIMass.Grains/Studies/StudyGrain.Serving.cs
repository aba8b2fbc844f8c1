using AIMass.Grains.Models;
using AIMass.Grains.Security;
using AIMass.Grains.Studies.Leaderboards;

namespace AIMass.Grains.Studies;

/// <summary>
/// Keeps the models a finished study will serve ready: once the search is over (closed by its budget, or every search trial asked: the ensemble and the students are
/// what changes the leaders from then on), each scenario's leader is loaded into the predictor cache as soon as it
/// leads, so the first prediction after the study ends does not wait for a large model to load. The search itself
/// warms nothing (its leaders change with every trial).
/// </summary>
public sealed partial class StudyGrain
{
    /// <summary>The trial each scenario's leader was when last warmed (in memory: a new activation warms again).</summary>
    private readonly Dictionary<string, int> _warmedLeaders = new(StringComparer.Ordinal);

    /// <summary>Called after a trial's end is recorded.</summary>
    private void WarmServedModels()
    {
        if (!(S.SearchClosed || AllAsked() || S.Status == StudyStatus.Completed)) return;
        foreach (var scenario in S.Scenarios)
        {
            var leader = LeaderboardBuilder.Build(scenario, S.Metric, S.Trials.Values, limit: 1).Entries.FirstOrDefault();
            if (leader is null || _warmedLeaders.GetValueOrDefault(scenario.Name, -1) == leader.TrialNumber) continue;
            _warmedLeaders[scenario.Name] = leader.TrialNumber;
            using (CallerContext.AsSystem())
            {
                // One-way: the study does not wait for the load, and a model that fails to load only loses its head start.
                _ = GrainFactory.GetGrain<IModelGrain>(GrainKeys.Trial(TenantId, StudyId, leader.TrialNumber)).WarmAsync();
            }
        }
    }
}
