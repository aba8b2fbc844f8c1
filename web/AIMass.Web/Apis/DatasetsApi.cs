using AIMass.Grains.Datasets;
using AIMass.Web.Apis.Uploads;
using AIMass.Web.Configuration;
using AIMass.Web.Security;
using AIMass.Web.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AIMass.Web.Apis;

/// <summary><c>/api/datasets</c>: upload (multipart streamed to staging, size- and row-capped; the grain gets a reference), list, read (schema, meta-features), delete.</summary>
public static class DatasetsApi
{
    public static RouteGroupBuilder MapDatasetsApi(this RouteGroupBuilder api)
    {
        var datasets = api.MapGroup("/datasets").WithTags("Data sets").RequireAuthorization(AuthPolicies.ApiTenant);
        datasets.MapPost("", UploadAsync).WithName("UploadDataset")
            .WithSummary("Uploads a CSV (multipart: file, id?, name?, target?, image? as CxHxW); a new version when the id exists.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        datasets.MapGet("", ListAsync).WithName("ListDatasets").WithSummary("The tenant's data sets.");
        datasets.MapGet("/{id}", GetAsync).WithName("GetDataset").WithSummary("A data set: versions, schema, meta-features.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        datasets.MapDelete("/{id}", DeleteAsync).WithName("DeleteDataset").WithSummary("Deletes a data set and its stored versions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Created<DatasetInfo>> UploadAsync(
        HttpContext http, IGrainFactory grains, IDatasetStaging staging, IOptionsSnapshot<WebOptions> options, CancellationToken ct)
    {
        var tenant = http.User.TenantId();
        var form = await MultipartDatasetReader.ReadAsync(http.Request, staging, tenant, options.Value.UploadCaps(), ct);
        try
        {
            var info = await grains.Dataset(tenant, form.DatasetId).UploadAsync(form.Upload);
            return TypedResults.Created($"/api/datasets/{info.DatasetId}", info);
        }
        finally
        {
            // The grain deletes it too; this covers a call that never reached the grain (a bad id, a lost silo).
            await staging.DeleteAsync(form.Upload.StagedPath, CancellationToken.None);
        }
    }

    private static async Task<Ok<DatasetInfo[]>> ListAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.ListDatasetsAsync(http.User.TenantId()));

    private static async Task<Ok<DatasetInfo>> GetAsync(string id, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await grains.Dataset(http.User.TenantId(), id).GetAsync());

    private static async Task<NoContent> DeleteAsync(string id, HttpContext http, IGrainFactory grains)
    {
        await grains.Dataset(http.User.TenantId(), id).DeleteAsync();
        return TypedResults.NoContent();
    }
}
