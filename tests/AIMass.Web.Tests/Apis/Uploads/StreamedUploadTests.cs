using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Datasets;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;

namespace AIMass.Web.Tests.Apis.Uploads;

/// <summary>
/// Uploads stream to the tenant's staging area with the caps enforced while reading: a refused upload is cut off before
/// its body is read, and no upload, stored or refused, leaves a staged file or a changed quota behind.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class StreamedUploadTests(WebHostFixture host)
{
    private string StagingFolder(string tenant) => Path.Combine(host.Factory.DataDirectory, "artifacts", "staging", tenant);

    private void AssertNothingStaged(string tenant) =>
        Assert.True(!Directory.Exists(StagingFolder(tenant)) || !Directory.EnumerateFiles(StagingFolder(tenant), "*", SearchOption.AllDirectories).Any(),
            $"staged files left for {tenant}");

    private static async Task<long> StoredBytesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<TenantInfo>("/api/me", WebHostFixture.Json))!.Usage.StoredBytes;

    [Fact]
    public async Task An_upload_over_the_byte_cap_is_refused_before_its_body_is_read_leaving_nothing_staged()
    {
        using var client = host.As(await host.TenantAsync("stream-big"));
        var before = await StoredBytesAsync(client);
        var csv = new GeneratedCsvContent(rows: 16_000_000); // 64 MB against a 256 KiB cap
        using var form = new MultipartFormDataContent { { csv, "file", "big.csv" } };

        HttpResponseMessage? response = null;
        try
        {
            response = await client.PostAsync("/api/datasets", form);
        }
        catch (HttpRequestException)
        {
            // The host may close the connection while the client still sends; what counts is below.
        }
        if (response is not null)
        {
            var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains("AIMass:Web:MaxUploadBytes", problem.Detail);
        }

        Assert.True(csv.Sent < csv.Total / 4, $"{csv.Sent} of {csv.Total} bytes were sent");
        AssertNothingStaged("stream-big");
        Assert.Equal(before, await StoredBytesAsync(client));
        Assert.Empty((await client.GetFromJsonAsync<DatasetInfo[]>("/api/datasets", WebHostFixture.Json))!);
    }

    [Fact]
    public async Task An_upload_over_the_row_cap_is_refused_naming_the_limit()
    {
        using var client = host.As(await host.TenantAsync("stream-rows"));
        using var form = new MultipartFormDataContent { { new GeneratedCsvContent(WebHostFixture.MaxUploadRows + 1), "file", "rows.csv" } };

        var problem = await ApiAssert.ProblemAsync(await client.PostAsync("/api/datasets", form), HttpStatusCode.BadRequest);

        Assert.Contains($"more than {WebHostFixture.MaxUploadRows} data rows", problem.Detail);
        AssertNothingStaged("stream-rows");
        Assert.Equal(0, await StoredBytesAsync(client));
    }

    [Fact]
    public async Task Stored_and_refused_uploads_leave_no_staged_file()
    {
        using var client = host.As(await host.TenantAsync("stream-ok"));
        await ApiAssert.StatusAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"), target: "species"), HttpStatusCode.Created);
        AssertNothingStaged("stream-ok");

        // Refused after the file was staged: by the grain (a missing target), and by the form (an id read after the file).
        await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"), target: "colour"), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv"), id: "no/slashes"), HttpStatusCode.BadRequest);
        AssertNothingStaged("stream-ok");
        Assert.Equal(TestSamples.Bytes("iris.csv").Length, await StoredBytesAsync(client));
    }
}
