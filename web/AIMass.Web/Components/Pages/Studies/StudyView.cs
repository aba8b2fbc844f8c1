using AIMass.Grains.Studies;
using AIMass.Web.Services;

namespace AIMass.Web.Components.Pages.Studies;

/// <summary>Everything the study page shows, read in one go from the study grain.</summary>
public sealed record StudyView(
    StudyInfo Info,
    TrialSummary[] Trials,
    Leaderboard[] Leaderboards,
    TrialSummary[] Pareto,
    Dictionary<string, double> Importances)
{
    /// <summary>Reads the study's state, trials, leaderboards, Pareto front and importances (call under the tenant's caller).</summary>
    public static async Task<StudyView> LoadAsync(IGrainFactory grains, string tenant, string studyId)
    {
        var study = grains.Study(tenant, studyId);
        var info = study.GetAsync();
        var trials = study.GetTrialsAsync();
        var boards = study.GetLeaderboardsAsync();
        var pareto = study.GetParetoFrontAsync();
        var importances = study.GetParameterImportancesAsync();
        return new StudyView(await info, await trials, await boards, await pareto, await importances);
    }
}
