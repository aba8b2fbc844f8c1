using AIMass.Grains;
using AIMass.Grains.Datasets;
using AIMass.Grains.Models;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;

namespace AIMass.Web.Services;

/// <summary>
/// Grain references and the few composite reads the API and the portal share. Ids are validated before they
/// become part of a key, and keys always start with the caller's tenant. Call these under a
/// <see cref="CallerContext"/> (the API sets it per request, the portal per call).
/// </summary>
public static class TenantGrains
{
    public static ITenantGrain Tenant(this IGrainFactory grains, string tenantId) =>
        grains.GetGrain<ITenantGrain>(GrainKeys.ValidateTenantId(tenantId));

    public static IDatasetGrain Dataset(this IGrainFactory grains, string tenantId, string datasetId) =>
        grains.GetGrain<IDatasetGrain>(GrainKeys.Scoped(tenantId, Checked(datasetId, "Data set")));

    public static IStudyGrain Study(this IGrainFactory grains, string tenantId, string studyId) =>
        grains.GetGrain<IStudyGrain>(GrainKeys.Scoped(tenantId, Checked(studyId, "Study")));

    public static IModelGrain Model(this IGrainFactory grains, string tenantId, string studyId, int trial)
    {
        if (trial < 0) throw ServiceException.Invalid($"Trial number {trial} is invalid.", [new FieldError(null, "trial", "must not be negative")]);
        return grains.GetGrain<IModelGrain>(GrainKeys.Trial(tenantId, Checked(studyId, "Study"), trial));
    }

    /// <summary>Validates a resource id, naming the field <c>id</c> when it is refused.</summary>
    public static string Checked(string id, string what)
    {
        try
        {
            return GrainKeys.ValidateId(id, what);
        }
        catch (ServiceException e) when (e.Errors.Length == 0)
        {
            throw ServiceException.Invalid(e.Message, [new FieldError(null, "id", e.Message)]);
        }
    }

    /// <summary>The tenant's data sets, oldest first (ones deleted meanwhile are left out).</summary>
    public static async Task<DatasetInfo[]> ListDatasetsAsync(this IGrainFactory grains, string tenantId)
    {
        var index = await grains.Tenant(tenantId).ListDatasetsAsync();
        var found = await Task.WhenAll(index.Select(async entry =>
        {
            try
            {
                return await grains.Dataset(tenantId, entry.Id).GetAsync();
            }
            catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
            {
                return null;
            }
        }));
        return found.OfType<DatasetInfo>().ToArray();
    }

    /// <summary>All the tenant's studies, newest first, read page by page from the tenant's index.</summary>
    public static async Task<StudyInfo[]> ListStudiesAsync(this IGrainFactory grains, string tenantId)
    {
        var all = new List<StudyInfo>();
        string? cursor = null;
        do
        {
            var (studies, next) = await grains.ListStudyPageAsync(tenantId, StudyListCursor.MaxLimit, cursor);
            all.AddRange(studies);
            cursor = next;
        }
        while (cursor is not null);
        return all.ToArray();
    }

    /// <summary>
    /// A page of the tenant's studies, newest first, from the tenant's index: only a study that has not yet reported its
    /// list row (one created before the index kept rows) is asked itself; ones deleted meanwhile are left out.
    /// </summary>
    public static async Task<(StudyInfo[] Studies, string? NextCursor)> ListStudyPageAsync(
        this IGrainFactory grains, string tenantId, int limit, string? cursor)
    {
        var page = await grains.Tenant(tenantId).ListStudyPageAsync(limit, cursor);
        var found = await Task.WhenAll(page.Entries.Select(async entry =>
        {
            if (entry.Study is { } row) return row;
            try
            {
                return StudyListRow.From(await grains.Study(tenantId, entry.Id).GetAsync());
            }
            catch (ServiceException e) when (e.Kind == ServiceErrorKind.NotFound)
            {
                return null;
            }
        }));
        return (found.OfType<StudyInfo>().ToArray(), page.NextCursor);
    }

    /// <summary>The trial number of a scenario's best model (404 when the scenario has none yet).</summary>
    public static async Task<int> BestTrialAsync(this IGrainFactory grains, string tenantId, string studyId, string? scenario)
    {
        var board = await grains.Study(tenantId, studyId).GetLeaderboardAsync(string.IsNullOrWhiteSpace(scenario) ? null : scenario);
        return board.Best?.TrialNumber
            ?? throw ServiceException.NotFound($"A model for scenario '{board.Scenario.Name}' of study '{studyId}' (no trial has met it yet)");
    }

    /// <summary>Every tenant (admin only), by id.</summary>
    public static async Task<TenantInfo[]> ListTenantsAsync(this IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key).ListAsync();
        var tenants = await Task.WhenAll(ids.Select(id => grains.Tenant(id).GetAsync()));
        return tenants.OrderBy(t => t.TenantId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>A free id for a new study: the name made into an id, with <c>-2</c>, <c>-3</c>... when taken.</summary>
    public static async Task<string> FreeStudyIdAsync(this IGrainFactory grains, string tenantId, string name)
    {
        var taken = (await grains.Tenant(tenantId).ListStudiesAsync()).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var stem = Slug.From(name, "study");
        if (!taken.Contains(stem)) return stem;
        for (var n = 2; ; n++)
        {
            var suffix = $"-{n}";
            var candidate = (stem.Length + suffix.Length > 64 ? stem[..(64 - suffix.Length)] : stem) + suffix;
            if (!taken.Contains(candidate)) return candidate;
        }
    }
}
