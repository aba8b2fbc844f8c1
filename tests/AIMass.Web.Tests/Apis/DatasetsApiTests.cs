using System.Net;
using System.Net.Http.Json;
using System.Text;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis;

[Collection(WebHostCollection.Name)]
public sealed class DatasetsApiTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task Upload_stores_a_version_with_its_schema_and_lists_reads_and_deletes_it()
    {
        var key = await host.TenantAsync("data-a");
        using var client = host.As(key);

        var response = await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"), target: "species");
        await ApiAssert.StatusAsync(response, HttpStatusCode.Created);
        Assert.Equal("/api/datasets/iris", response.Headers.Location?.OriginalString);
        var info = (await response.Content.ReadFromJsonAsync<DatasetInfo>(Json))!;
        Assert.Equal("iris", info.DatasetId);
        Assert.Equal(150, info.Current.Rows);
        Assert.Equal("classification", info.Current.Schema.Single(c => c.Name == "species").TaskAsTarget);

        var again = await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"));
        Assert.Equal(2, (await again.Content.ReadFromJsonAsync<DatasetInfo>(Json))!.Versions.Length);

        var list = (await client.GetFromJsonAsync<DatasetInfo[]>("/api/datasets", Json))!;
        Assert.Equal("iris", Assert.Single(list).DatasetId);
        Assert.Equal(5, (await client.GetFromJsonAsync<DatasetInfo>("/api/datasets/iris", Json))!.Current.Columns);

        await ApiAssert.StatusAsync(await client.DeleteAsync("/api/datasets/iris"), HttpStatusCode.NoContent);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/datasets/iris"), HttpStatusCode.NotFound);
        Assert.Empty((await client.GetFromJsonAsync<DatasetInfo[]>("/api/datasets", Json))!);
        Assert.Equal(0, (await client.GetFromJsonAsync<TenantInfo>("/api/me", Json))!.Usage.StoredBytes);
    }

    [Fact]
    public async Task Form_fields_name_the_data_set_and_its_display_name()
    {
        using var client = host.As(await host.TenantAsync("data-b"));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestSamples.Bytes("iris.csv")), "file", "flowers.csv" },
            { new StringContent("flowers-2024"), "id" },
            { new StringContent("Flowers of 2024"), "name" },
        };
        var info = (await (await client.PostAsync("/api/datasets", form)).Content.ReadFromJsonAsync<DatasetInfo>(Json))!;
        Assert.Equal("flowers-2024", info.DatasetId);
        Assert.Equal("Flowers of 2024", info.Name);
        Assert.Equal("flowers.csv", info.Current.FileName);
    }

    [Fact]
    public async Task Bad_csv_is_refused_naming_row_and_column_and_nothing_is_stored()
    {
        using var client = host.As(await host.TenantAsync("data-c"));
        var ragged = Encoding.UTF8.GetBytes("a,b,label\n1,2,x\n3,4\n5,6,y\n");
        var raggedProblem = await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "ragged.csv", ragged), HttpStatusCode.BadRequest);
        Assert.Contains(raggedProblem.Errors, e => e.Row == 2);

        var text = Encoding.UTF8.GetBytes("a,b,label\n1,2,x\n3,oops,y\n5,6,x\n7,8,y\n");
        var textProblem = await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "text.csv", text, target: "missing"), HttpStatusCode.BadRequest);
        Assert.Contains(textProblem.Errors, e => e.Column == "missing");

        Assert.Empty((await client.GetFromJsonAsync<DatasetInfo[]>("/api/datasets", Json))!);
    }

    [Fact]
    public async Task Upload_needs_multipart_with_a_file_part()
    {
        using var client = host.As(await host.TenantAsync("data-d"));
        var notMultipart = await client.PostAsync("/api/datasets", new StringContent("a,b\n1,2\n", Encoding.UTF8, "text/csv"));
        await ApiAssert.ProblemAsync(notMultipart, HttpStatusCode.UnsupportedMediaType);

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "id" } };
        var problem = await ApiAssert.ProblemAsync(await client.PostAsync("/api/datasets", noFile), HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors, e => e.Column == "file");

        using var badShape = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestSamples.Bytes("iris.csv")), "file", "iris.csv" },
            { new StringContent("8x8"), "image" },
        };
        var shape = await ApiAssert.ProblemAsync(await client.PostAsync("/api/datasets", badShape), HttpStatusCode.BadRequest);
        Assert.Contains(shape.Errors, e => e.Column == "image");

        var badId = await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"), id: "no/slashes"), HttpStatusCode.BadRequest);
        Assert.Contains(badId.Errors, e => e.Column == "id");
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_with_413()
    {
        using var client = host.As(await host.TenantAsync("data-e"));
        var big = new StringBuilder("a,b\n");
        while (big.Length <= WebHostFixture.MaxUploadBytes) big.Append("1.2345,6.789\n");
        var problem = await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "big.csv", Encoding.UTF8.GetBytes(big.ToString())), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MaxUploadBytes", problem.Detail);
        Assert.Empty((await client.GetFromJsonAsync<DatasetInfo[]>("/api/datasets", Json))!);
    }

    [Fact]
    public async Task An_upload_over_the_storage_quota_is_answered_429()
    {
        using var client = host.As(await host.TenantAsync("data-small", new TenantQuotas { MaxStoredBytes = 1000 }));
        var problem = await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv")), HttpStatusCode.TooManyRequests);
        Assert.Contains("quota", problem.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_and_invalid_ids_are_404_and_400()
    {
        using var client = host.As(await host.TenantAsync("data-f"));
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/datasets/nothing"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.DeleteAsync("/api/datasets/nothing"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/datasets/-bad-"), HttpStatusCode.BadRequest);
    }
}
