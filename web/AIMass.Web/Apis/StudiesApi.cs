using AIMass.Grains.Models;
using AIMass.Grains.Studies;
using AIMass.Web.Apis.Predictions;
using AIMass.Web.Apis.Requests;
using AIMass.Web.Security;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AIMass.Web.Apis;

/// <summary>
/// <c>/api/studies</c>: create, list, read, pause/resume/cancel, delete, trials, leaderboards, Pareto front, parameter
/// importances, the best model of a scenario and predictions with it.
/// </summary>
public static class StudiesApi
{
    public static RouteGroupBuilder MapStudiesApi(this RouteGroupBuilder api)
    {
        var studies = api.MapGroup("/studies").WithTags("Studies").RequireAuthorization(AuthPolicies.ApiTenant);
        studies.MapPost("", CreateAsync).WithName("CreateStudy")
            .WithSummary("Creates and starts a study ({id?, ...StudySpec}); task and metric are detected unless given.")
            .Accepts<StudySpec>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        studies.MapGet("", ListAsync).WithName("ListStudies")
            .WithSummary("A page of the tenant's studies, newest first (?limit=1..200, default 50; ?cursor= from X-Next-Cursor).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        var study = studies.MapGroup("/{id}").ProducesProblem(StatusCodes.Status404NotFound);
        study.MapGet("", GetAsync).WithName("GetStudy").WithSummary("A study's state and figures.");
        study.MapPost("/pause", PauseAsync).WithName("PauseStudy").WithSummary("Stops handing out trials; running ones finish.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        study.MapPost("/resume", ResumeAsync).WithName("ResumeStudy").WithSummary("Continues a paused study.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        study.MapPost("/cancel", CancelAsync).WithName("CancelStudy").WithSummary("Stops the study; running trials are abandoned.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        study.MapDelete("", DeleteAsync).WithName("DeleteStudy")
            .WithSummary("Deletes a study (cancelled first when running) with its trials, models and leaderboards.");
        study.MapGet("/trials", TrialsAsync).WithName("GetTrials").WithSummary("All trials with parameters, values and intermediate values.");
        study.MapGet("/leaderboards", LeaderboardsAsync).WithName("GetLeaderboards").WithSummary("The leaderboard of every scenario.");
        study.MapGet("/leaderboards/{scenario}", LeaderboardAsync).WithName("GetLeaderboard").WithSummary("One scenario's leaderboard.");
        study.MapGet("/pareto", ParetoAsync).WithName("GetParetoFront").WithSummary("Trials on the Pareto front of score, parameters and latency.");
        study.MapGet("/importances", ImportancesAsync).WithName("GetImportances").WithSummary("Share of the objective's variance each parameter explains.");
        study.MapGet("/models/best", BestModelAsync).WithName("GetBestModel").WithSummary("The best model of a scenario (default: the first).");
        study.MapPost("/predict", PredictAsync).WithName("PredictWithStudy")
            .WithSummary("Predicts rows (JSON {rows:[...]} or text/csv) with the best model of a scenario; answers CSV for Accept: text/csv.")
            .Accepts<PredictionRequest>("application/json", "text/csv")
            .Produces<PredictionResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Created<StudyInfo>> CreateAsync(CreateStudyRequest request, HttpContext http, IGrainFactory grains)
    {
        var tenant = http.User.TenantId();
        var id = request.Id is { } given ? TenantGrains.Checked(given, "Study") : await grains.FreeStudyIdAsync(tenant, request.Spec.Name);
        var info = await grains.Study(tenant, id).CreateAsync(request.Spec);
        return TypedResults.Created($"/api/studies/{info.StudyId}", info);
    }

    private static async Task<Ok<StudyInfo[]>> ListAsync(string? limit, string? cursor, HttpContext http, IGrainFactory grains)
    {
        var (studies, next) = await grains.ListStudyPageAsync(http.User.TenantId(), StudyListPaging.Limit(limit), cursor);
        StudyListPaging.AnnounceNext(http, next);
        return TypedResults.Ok(studies);
    }

    private static async Task<Ok<StudyInfo>> GetAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetAsync());

    private static async Task<Ok<StudyInfo>> PauseAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).PauseAsync());

    private static async Task<Ok<StudyInfo>> ResumeAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).ResumeAsync());

    private static async Task<Ok<StudyInfo>> CancelAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).CancelAsync());

    private static async Task<NoContent> DeleteAsync(string id, HttpContext http, IGrainFactory grains)
    {
        await grains.Study(http.User.TenantId(), id).DeleteAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TrialSummary[]>> TrialsAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetTrialsAsync());

    private static async Task<Ok<Leaderboard[]>> LeaderboardsAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetLeaderboardsAsync());

    private static async Task<Ok<Leaderboard>> LeaderboardAsync(string id, string scenario, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetLeaderboardAsync(scenario));

    private static async Task<Ok<TrialSummary[]>> ParetoAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetParetoFrontAsync());

    private static async Task<Ok<Dictionary<string, double>>> ImportancesAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Study(http.User.TenantId(), id).GetParameterImportancesAsync());

    private static async Task<Ok<ModelInfo>> BestModelAsync(string id, string? scenario, HttpContext http, IGrainFactory grains)
    {
        var tenant = http.User.TenantId();
        var trial = await grains.BestTrialAsync(tenant, id, scenario);
        return TypedResults.Ok(await grains.Model(tenant, id, trial).GetAsync());
    }

    private static async Task<IResult> PredictAsync(string id, string? scenario, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        var tenant = http.User.TenantId();
        var request = await PredictionIo.ReadAsync(http.Request, ct);
        var trial = await grains.BestTrialAsync(tenant, id, scenario);
        var response = await grains.Model(tenant, id, trial).PredictAsync(request);
        return PredictionIo.WantsCsv(http.Request)
            ? TypedResults.Text(PredictionIo.ToCsv(response), "text/csv")
            : TypedResults.Ok(response);
    }
}
