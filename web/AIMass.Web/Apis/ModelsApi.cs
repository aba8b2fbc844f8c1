using AIMass.Grains.Models;
using AIMass.Web.Apis.Predictions;
using AIMass.Web.Security;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AIMass.Web.Apis;

/// <summary><c>/api/models/{study}/{trial}</c>: a trained model's measurements, its artifact, predictions.</summary>
public static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this RouteGroupBuilder api)
    {
        var model = api.MapGroup("/models/{study}/{trial:int}").WithTags("Models").RequireAuthorization(AuthPolicies.ApiTenant)
            .ProducesProblem(StatusCodes.Status404NotFound);
        model.MapGet("", GetAsync).WithName("GetModel").WithSummary("A model: its trial, test metrics, input columns, classes.");
        model.MapGet("/artifact", DownloadAsync).WithName("DownloadModel").WithSummary("The model artifact (zip: network and preprocessing).")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip");
        model.MapPost("/predict", PredictAsync).WithName("PredictWithModel")
            .WithSummary("Predicts rows (JSON {rows:[...]} or text/csv); answers CSV for Accept: text/csv.")
            .Accepts<PredictionRequest>("application/json", "text/csv")
            .Produces<PredictionResponse>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<Ok<ModelInfo>> GetAsync(string study, int trial, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Model(http.User.TenantId(), study, trial).GetAsync());

    private static async Task<FileContentHttpResult> DownloadAsync(string study, int trial, HttpContext http, IGrainFactory grains)
    {
        var bytes = await grains.Model(http.User.TenantId(), study, trial).DownloadAsync();
        return TypedResults.File(bytes, "application/zip", $"{study}-trial-{trial}.zip");
    }

    private static async Task<IResult> PredictAsync(string study, int trial, HttpContext http, IGrainFactory grains, CancellationToken ct)
    {
        var request = await PredictionIo.ReadAsync(http.Request, ct);
        var response = await grains.Model(http.User.TenantId(), study, trial).PredictAsync(request);
        return PredictionIo.WantsCsv(http.Request)
            ? TypedResults.Text(PredictionIo.ToCsv(response), "text/csv")
            : TypedResults.Ok(response);
    }
}
