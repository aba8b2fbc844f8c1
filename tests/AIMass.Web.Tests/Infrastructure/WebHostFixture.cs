using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Web.Apis;
using AIMass.Web.Apis.Requests;

namespace AIMass.Web.Tests.Infrastructure;

/// <summary>
/// One running web host shared by the tests of the <see cref="WebHostCollection"/>: helpers to create tenants
/// through the admin API, clients authenticated with a key, and a small completed iris study to read from.
/// </summary>
public sealed class WebHostFixture : IAsyncLifetime
{
    /// <summary>The tenant whose rate limit is set very low.</summary>
    public const string ThrottledTenant = "throttled";

    /// <summary>Largest upload this host accepts (small, so a test can exceed it).</summary>
    public const long MaxUploadBytes = 256 * 1024;

    /// <summary>Most data rows an upload to this host may have (small, so a test can exceed it under the byte cap).</summary>
    public const int MaxUploadRows = 50_000;

    private readonly SemaphoreSlim _studyLock = new(1, 1);
    private readonly SemaphoreSlim _tenantLock = new(1, 1);
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal);
    private CompletedStudy? _study;

    public AIMassWebFactory Factory { get; } = new(new Dictionary<string, string?>
    {
        ["AIMass:Web:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AIMass:Web:MaxUploadRows"] = MaxUploadRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AIMass:Web:RateLimit:PermitsPerSecond"] = "1000",
        ["AIMass:Web:RateLimit:Burst"] = "2000",
        [$"AIMass:Web:RateLimit:Tenants:{ThrottledTenant}"] = "2",
    });

    public static JsonSerializerOptions Json { get; } = ApiJson.CreateOptions();

    public Uri BaseAddress => Factory.BaseAddress;

    public Task InitializeAsync()
    {
        Factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client sending <c>Authorization: Bearer {key}</c>.</summary>
    public HttpClient As(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient AsAdmin() => As(Factory.AdminKey);

    /// <summary>The key of a tenant created through the admin API on first use (later calls return the same key).</summary>
    public async Task<string> TenantAsync(string tenantId, TenantQuotas? quotas = null)
    {
        await _tenantLock.WaitAsync();
        try
        {
            if (!_tenants.TryGetValue(tenantId, out var key))
            {
                key = await CreateTenantAsync(tenantId, quotas);
                _tenants[tenantId] = key;
            }
            return key;
        }
        finally
        {
            _tenantLock.Release();
        }
    }

    /// <summary>Creates a tenant through the admin API and returns its first key.</summary>
    public async Task<string> CreateTenantAsync(string tenantId, TenantQuotas? quotas = null)
    {
        using var admin = AsAdmin();
        var response = await admin.PostAsJsonAsync("/api/tenants", new CreateTenantRequest(tenantId, $"Tenant {tenantId}", Quotas: quotas), Json);
        await ApiAssert.StatusAsync(response, System.Net.HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<CreateTenantResponse>(Json);
        return created!.ApiKey.Secret;
    }

    /// <summary>Uploads a sample CSV as a data set.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] content, string? id = null, string? target = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (id is not null) form.Add(new StringContent(id), "id");
        if (target is not null) form.Add(new StringContent(target), "target");
        return await client.PostAsync("/api/datasets", form);
    }

    /// <summary>A finished iris study (two search trials and their ensemble) of tenant "lab" (created once, on first use).</summary>
    public async Task<CompletedStudy> CompletedStudyAsync()
    {
        await _studyLock.WaitAsync();
        try
        {
            return _study ??= await RunStudyAsync();
        }
        finally
        {
            _studyLock.Release();
        }
    }

    private async Task<CompletedStudy> RunStudyAsync()
    {
        var key = await TenantAsync("lab");
        using var client = As(key);
        await ApiAssert.StatusAsync(await UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv")), System.Net.HttpStatusCode.Created);
        var response = await client.PostAsJsonAsync("/api/studies", new
        {
            id = "quick",
            name = "quick iris",
            datasetId = "iris",
            target = "species",
            budget = new { maxTrials = 3 },
            maxEpochsPerTrial = 8,
            parallelism = 2,
            pruner = "none",
            distill = false,
            useMetaLearning = false,
        }, Json);
        await ApiAssert.StatusAsync(response, System.Net.HttpStatusCode.Created);
        var info = await WaitForStudyAsync(client, "quick", TimeSpan.FromMinutes(3));
        Assert.Equal(StudyStatus.Completed, info.Status);
        return new CompletedStudy(key, "quick", info);
    }

    /// <summary>Polls a study until it is finished.</summary>
    public static async Task<StudyInfo> WaitForStudyAsync(HttpClient client, string studyId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var info = await client.GetFromJsonAsync<StudyInfo>($"/api/studies/{studyId}", Json);
            if (info!.IsFinished) return info;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Study {studyId} is still {info.Status} ({info.TrialsFinished} finished, {info.Activity}).");
            await Task.Delay(250);
        }
    }
}
