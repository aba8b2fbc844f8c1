using System.Net;
using System.Net.Http.Json;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace AIMass.Web.Tests.Apis;

/// <summary>
/// <c>GET /api/studies</c> is paged (limit, cursor, X-Next-Cursor) and served from the tenant's index: listing calls no
/// study grain, and the rows follow the studies' status changes.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class StudyListPagingTests(WebHostFixture host)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = WebHostFixture.Json;

    [Fact]
    public async Task Sixty_studies_are_listed_page_by_page_newest_first_each_once_without_activating_a_study_grain()
    {
        const string tenant = "pager";
        using var client = host.As(await host.TenantAsync(tenant));
        var grains = host.Factory.Services.GetRequiredService<IGrainFactory>();
        using (CallerContext.AsSystem())
        {
            // Indexed as their grains would report them, one after another (ids break ties of equal times).
            for (var i = 0; i < 60; i++)
            {
                var id = $"s{i:00}";
                await grains.GetGrain<ITenantGrain>(tenant).ReserveStudyAsync(id, id);
                await grains.GetGrain<ITenantGrain>(tenant).ReleaseStudyAsync(id);
                await grains.GetGrain<ITenantGrain>(tenant).UpdateStudyRowAsync(id, Row(tenant, id, i));
            }
        }

        var listed = new List<StudyInfo>();
        var pages = 0;
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync(cursor is null ? "/api/studies?limit=7" : $"/api/studies?limit=7&cursor={Uri.EscapeDataString(cursor)}");
            await ApiAssert.StatusAsync(response, HttpStatusCode.OK);
            var page = (await response.Content.ReadFromJsonAsync<StudyInfo[]>(Json))!;
            Assert.InRange(page.Length, 1, 7);
            listed.AddRange(page);
            cursor = response.Headers.TryGetValues("X-Next-Cursor", out var next) ? next.Single() : null;
            if (cursor is not null) Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(9, pages);
        Assert.Equal(Enumerable.Range(0, 60).Reverse().Select(i => $"s{i:00}"), listed.Select(s => s.StudyId));
        var s07 = listed.Single(s => s.StudyId == "s07");
        Assert.Equal(7, s07.TrialsComplete);
        Assert.Equal(StudyListRow.MaxStringLength, s07.StatusReason!.Length);
        Assert.Null(s07.SearchSpace);

        // The default page holds 50; the whole list in one call of the largest page.
        Assert.Equal(50, (await client.GetFromJsonAsync<StudyInfo[]>("/api/studies", Json))!.Length);
        Assert.Equal(60, (await client.GetFromJsonAsync<StudyInfo[]>("/api/studies?limit=200", Json))!.Length);

        var management = grains.GetGrain<IManagementGrain>(0);
        var studyGrains = (await management.GetDetailedGrainStatistics())
            .Where(s => s.GrainType.Contains("StudyGrain", StringComparison.Ordinal) && s.GrainId.Key.ToString()!.StartsWith(tenant + "/", StringComparison.Ordinal));
        Assert.Empty(studyGrains);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTIzOg", "cursor")]
    public async Task A_bad_limit_or_cursor_gets_a_400_naming_it(string query, string field)
    {
        using var client = host.As(await host.TenantAsync("pager-bad"));
        var problem = await ApiAssert.ProblemAsync(await client.GetAsync($"/api/studies?{query}"), HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors, e => e.Column == field);
    }

    [Fact]
    public async Task A_study_pausing_and_being_cancelled_shows_in_the_list()
    {
        using var client = host.As(await host.TenantAsync("pager-status"));
        await ApiAssert.StatusAsync(await WebHostFixture.UploadAsync(client, "iris.csv", TestSamples.Bytes("iris.csv")), HttpStatusCode.Created);
        var created = await client.PostAsJsonAsync("/api/studies", new
        {
            id = "steered", datasetId = "iris", target = "species", budget = new { maxTrials = 500 },
            maxEpochsPerTrial = 2, parallelism = 1, pruner = "none", distill = false, useMetaLearning = false, ensemble = false,
        }, Json);
        await ApiAssert.StatusAsync(created, HttpStatusCode.Created);
        Assert.Equal(StudyStatus.Running, (await ListedAsync(client)).Status);

        await ApiAssert.StatusAsync(await client.PostAsync("/api/studies/steered/pause", null), HttpStatusCode.OK);
        Assert.Equal(StudyStatus.Paused, (await ListedAsync(client)).Status);

        await ApiAssert.StatusAsync(await client.PostAsync("/api/studies/steered/cancel", null), HttpStatusCode.OK);
        var cancelled = await ListedAsync(client);
        Assert.Equal(StudyStatus.Cancelled, cancelled.Status);
        Assert.Equal("cancelled by the tenant", cancelled.StatusReason);
    }

    private static async Task<StudyInfo> ListedAsync(HttpClient client) =>
        Assert.Single((await client.GetFromJsonAsync<StudyInfo[]>("/api/studies", Json))!, s => s.StudyId == "steered");

    private static StudyInfo Row(string tenant, string id, int i) => new()
    {
        TenantId = tenant,
        StudyId = id,
        Spec = new StudySpec { Name = $"study {i}", DatasetId = "iris", Target = "species", SearchSpace = new SearchSpace() },
        Status = StudyStatus.Running,
        StatusReason = new string('r', 5000),
        CreatedUtc = DateTimeOffset.UnixEpoch.AddDays(i),
        Task = "classification",
        Metric = "accuracy",
        TrialsComplete = i,
        SearchSpace = new SearchSpace(),
    };
}
