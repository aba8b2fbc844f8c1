using System.Text;
using AIMass.Client.Datasets;
using AIMass.Client.Tenants;
using AIMass.Client.Tests.Infrastructure;
using AIMass.Grains;
using AIMass.Grains.Models;
using AIMass.Grains.Security;
using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;

namespace AIMass.Client.Tests.Transport;

/// <summary>
/// The behaviour every <see cref="IAIMassClient"/> transport must show. Each concrete subclass runs these same
/// tests over one transport against a real service.
/// </summary>
public abstract class AIMassClientContractTests
{
    /// <summary>A client with administrator rights.</summary>
    protected abstract IAIMassClient Admin { get; }

    /// <summary>A client acting for the tenant that <paramref name="created"/> describes.</summary>
    protected abstract IAIMassClient ForTenant(TenantCreated created);

    /// <summary>The service's grains, to prepare what no client call can (a tenant's study index).</summary>
    protected abstract IGrainFactory Grains { get; }

    private static string NewTenantId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<(TenantCreated Created, IAIMassClient Client)> NewTenantAsync(string prefix)
    {
        var created = await Admin.CreateTenantAsync(new NewTenant { TenantId = NewTenantId(prefix), DisplayName = prefix });
        return (created, ForTenant(created));
    }

    private static StudySpec IrisStudy(int trials) => new()
    {
        Name = "iris", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = trials },
        Pruner = "none", Parallelism = 2, MaxEpochsPerTrial = 4, Seed = 5, Distill = false, UseMetaLearning = false,
    };

    [Fact]
    public async Task Admin_creates_and_manages_a_tenant()
    {
        var id = NewTenantId("admin");
        var created = await Admin.CreateTenantAsync(new NewTenant
        {
            TenantId = id, DisplayName = "Acme Lab", Weight = 2, Quotas = new TenantQuotas { MaxConcurrentTrials = 3 },
        });
        Assert.Equal(id, created.Tenant.TenantId);
        Assert.Equal(id, created.ApiKey.TenantId);
        Assert.True(ApiKeyFormat.TryParse(created.ApiKey.Secret, out var keyTenant, out _));
        Assert.Equal(id, keyTenant);
        Assert.Equal(2, created.Tenant.Weight);

        Assert.Contains(await Admin.ListTenantsAsync(), t => t.TenantId == id && t.DisplayName == "Acme Lab");
        var quotas = await Admin.SetQuotasAsync(id, new TenantQuotas { MaxConcurrentTrials = 1, MaxActiveStudies = 2 });
        Assert.Equal(1, quotas.Quotas.MaxConcurrentTrials);
        Assert.Equal(3, (await Admin.SetWeightAsync(id, 3)).Weight);

        var second = await Admin.CreateApiKeyAsync(id, "ci");
        var rotated = await Admin.RotateApiKeyAsync(id, second.KeyId);
        Assert.NotEqual(second.Secret, rotated.Secret);
        await Admin.RevokeApiKeyAsync(id, rotated.KeyId);
        var info = await Admin.GetTenantAsync(id);
        Assert.Contains(info.ApiKeys, k => k.KeyId == rotated.KeyId && !k.Active);
        Assert.Contains(info.ApiKeys, k => k.KeyId == created.ApiKey.KeyId && k.Active);

        var me = await ForTenant(created).GetMeAsync();
        Assert.Equal(id, me.TenantId);
        Assert.Equal(1, me.Quotas.MaxConcurrentTrials);
    }

    [Fact]
    public async Task Bad_tenant_requests_are_refused_naming_the_field()
    {
        var invalid = await Assert.ThrowsAsync<ServiceException>(() =>
            Admin.CreateTenantAsync(new NewTenant { TenantId = "Not Valid!", DisplayName = "x" }));
        Assert.Equal(ServiceErrorKind.Invalid, invalid.Kind);
        Assert.Contains("Not Valid!", invalid.Message);

        var (created, _) = await NewTenantAsync("dup");
        var duplicate = await Assert.ThrowsAsync<ServiceException>(() =>
            Admin.CreateTenantAsync(new NewTenant { TenantId = created.Tenant.TenantId, DisplayName = "again" }));
        Assert.Equal(ServiceErrorKind.Conflict, duplicate.Kind);

        var quotas = await Assert.ThrowsAsync<ServiceException>(() =>
            Admin.SetQuotasAsync(created.Tenant.TenantId, new TenantQuotas { MaxConcurrentTrials = 0 }));
        Assert.Equal(ServiceErrorKind.Invalid, quotas.Kind);
        Assert.Contains(quotas.Errors, e => e.Column == nameof(TenantQuotas.MaxConcurrentTrials));
    }

    [Fact]
    public async Task A_tenant_may_not_administer()
    {
        var (_, tenant) = await NewTenantAsync("plain");
        var list = await Assert.ThrowsAsync<ServiceException>(() => tenant.ListTenantsAsync());
        Assert.Contains(list.Kind, new[] { ServiceErrorKind.Forbidden, ServiceErrorKind.Unauthenticated });
        var cluster = await Assert.ThrowsAsync<ServiceException>(() => tenant.GetClusterAsync());
        Assert.Contains(cluster.Kind, new[] { ServiceErrorKind.Forbidden, ServiceErrorKind.Unauthenticated });
    }

    [Fact]
    public async Task Data_sets_are_uploaded_listed_versioned_and_deleted()
    {
        var (_, tenant) = await NewTenantAsync("data");
        var first = await tenant.UploadDatasetFileAsync(TestPaths.Sample("iris.csv"), new DatasetUploadOptions { Target = "species" });
        Assert.Equal("iris", first.DatasetId);
        Assert.Equal(150, first.Current.Rows);
        Assert.Contains(first.Current.Schema, c => c.Name == "species" && c.TaskAsTarget == "classification");

        await using (var stream = new MemoryStream(File.ReadAllBytes(TestPaths.Sample("iris.csv"))))
        {
            var second = await tenant.UploadDatasetAsync(stream, new DatasetUploadOptions { Id = "iris", FileName = "iris-v2.csv" });
            Assert.Equal(2, second.Versions.Length);
        }

        var listed = Assert.Single(await tenant.ListDatasetsAsync());
        Assert.Equal("iris", listed.DatasetId);
        Assert.Equal(2, (await tenant.GetDatasetAsync("iris")).Versions.Length);

        await tenant.DeleteDatasetAsync("iris");
        var gone = await Assert.ThrowsAsync<ServiceException>(() => tenant.GetDatasetAsync("iris"));
        Assert.Equal(ServiceErrorKind.NotFound, gone.Kind);
        Assert.Empty(await tenant.ListDatasetsAsync());
    }

    [Fact]
    public async Task A_bad_upload_is_refused_naming_row_and_column_and_stores_nothing()
    {
        var (_, tenant) = await NewTenantAsync("bad");
        await using var ragged = new MemoryStream(Encoding.UTF8.GetBytes("a,b,label\n1,2,x\n3,y\n5,6,x\n"));
        var refused = await Assert.ThrowsAsync<ServiceException>(() =>
            tenant.UploadDatasetAsync(ragged, new DatasetUploadOptions { Id = "ragged", FileName = "ragged.csv", Target = "label" }));
        Assert.Equal(ServiceErrorKind.Invalid, refused.Kind);
        Assert.Contains(refused.Errors, e => e.Row is not null);

        await using var noTarget = new MemoryStream(File.ReadAllBytes(TestPaths.Sample("iris.csv")));
        var missing = await Assert.ThrowsAsync<ServiceException>(() =>
            tenant.UploadDatasetAsync(noTarget, new DatasetUploadOptions { Id = "iris", FileName = "iris.csv", Target = "colour" }));
        Assert.Contains(missing.Errors, e => e.Column == "colour" || e.Message.Contains("colour", StringComparison.Ordinal));

        Assert.Empty(await tenant.ListDatasetsAsync());
    }

    [Fact]
    public async Task A_study_runs_to_the_end_with_progress_leaderboards_models_and_predictions()
    {
        var (_, tenant) = await NewTenantAsync("study");
        await tenant.UploadDatasetFileAsync(TestPaths.Sample("iris.csv"), new DatasetUploadOptions { Target = "species" });
        var created = await tenant.CreateStudyAsync(IrisStudy(trials: 3), "iris-two");
        Assert.Equal("iris-two", created.StudyId);
        Assert.Equal("classification", created.Task);

        var reports = new List<StudyProgress>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await tenant.WaitForCompletionAsync("iris-two", new ListProgress<StudyProgress>(reports), timeout.Token);

        // Two cross-validated search trials, then the ensemble of them.
        Assert.Equal(StudyStatus.Completed, final.Status);
        Assert.Equal(3, final.TrialsComplete);
        Assert.NotEmpty(reports);
        Assert.True(reports[^1].Study.IsFinished);
        Assert.Equal(3, reports[^1].RecentTrials.Length);

        var trials = await tenant.GetTrialsAsync("iris-two");
        Assert.Equal([0, 1, 2], trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialStatus.Complete, t.Status));
        Assert.Equal(TrialKind.Ensemble, trials[2].Kind);
        Assert.All(trials.Take(2), t => Assert.NotNull(t.TrainedAs));
        Assert.Contains(await tenant.ListStudiesAsync(), s => s.StudyId == "iris-two");
        Assert.NotEmpty(await tenant.GetParetoFrontAsync("iris-two"));
        Assert.NotNull(await tenant.GetParameterImportancesAsync("iris-two"));

        var boards = await tenant.GetLeaderboardsAsync("iris-two");
        Assert.Equal(ScenarioSpec.Defaults.Select(s => s.Name), boards.Select(b => b.Scenario.Name));
        var accurate = await tenant.GetLeaderboardAsync("iris-two", "accurate");
        var best = Assert.IsType<LeaderboardEntry>(accurate.Best);
        Assert.Equal(final.BestTrial, best.TrialNumber);

        var model = await tenant.GetBestModelAsync("iris-two", "accurate");
        Assert.Equal(best.TrialNumber, model.Trial.Number);
        Assert.Equal("species", model.Target);
        Assert.Equal(3, model.Classes.Length);
        Assert.Equal(model.ModelId, (await tenant.GetModelAsync("iris-two", best.TrialNumber)).ModelId);

        var header = File.ReadLines(TestPaths.Sample("iris.csv")).First().Split(',');
        var rows = File.ReadLines(TestPaths.Sample("iris.csv")).Skip(1).Take(4)
            .Select(line => header.Zip(line.Split(',')).Where(p => p.First != "species").ToDictionary(p => p.First, p => (string?)p.Second))
            .ToArray();
        var predicted = await tenant.PredictAsync("iris-two", "accurate", new PredictionRequest { Rows = rows });
        Assert.Equal(4, predicted.Rows.Length);
        Assert.All(predicted.Rows, r => Assert.Contains(r.Label, model.Classes));
        var byTrial = await tenant.PredictWithModelAsync("iris-two", best.TrialNumber, new PredictionRequest { Rows = rows });
        Assert.Equal(predicted.Rows.Select(r => r.Label), byTrial.Rows.Select(r => r.Label));

        var missingColumn = await Assert.ThrowsAsync<ServiceException>(() => tenant.PredictAsync("iris-two", null,
            new PredictionRequest { Rows = [new Dictionary<string, string?> { [header[0]] = "5.1" }] }));
        Assert.Equal(ServiceErrorKind.Invalid, missingColumn.Kind);
        Assert.Contains(missingColumn.Errors, e => e.Row == 1 && e.Column is not null);

        var artifact = await tenant.DownloadModelAsync("iris-two", best.TrialNumber);
        Assert.True(artifact.Length > 100);
        Assert.Equal((byte)'P', artifact[0]);
        Assert.Equal((byte)'K', artifact[1]);
    }

    [Fact]
    public async Task A_study_is_paused_resumed_and_cancelled()
    {
        var (_, tenant) = await NewTenantAsync("steer");
        await tenant.UploadDatasetFileAsync(TestPaths.Sample("iris.csv"));
        await tenant.CreateStudyAsync(IrisStudy(trials: 200) with { Parallelism = 1 }, "steered");

        Assert.Equal(StudyStatus.Paused, (await tenant.PauseStudyAsync("steered")).Status);
        var again = await Assert.ThrowsAsync<ServiceException>(() => tenant.PauseStudyAsync("steered"));
        Assert.Equal(ServiceErrorKind.Conflict, again.Kind);
        Assert.Equal(StudyStatus.Running, (await tenant.ResumeStudyAsync("steered")).Status);
        Assert.Equal(StudyStatus.Cancelled, (await tenant.CancelStudyAsync("steered")).Status);
        var twice = await Assert.ThrowsAsync<ServiceException>(() => tenant.CancelStudyAsync("steered"));
        Assert.Equal(ServiceErrorKind.Conflict, twice.Kind);

        var final = await tenant.WaitForCompletionAsync("steered");
        Assert.Equal(StudyStatus.Cancelled, final.Status);
    }

    [Fact]
    public async Task Invalid_specs_and_unknown_or_foreign_resources_are_refused()
    {
        var (_, owner) = await NewTenantAsync("owner");
        var (_, other) = await NewTenantAsync("other");
        await owner.UploadDatasetFileAsync(TestPaths.Sample("iris.csv"));

        var wrongTarget = await Assert.ThrowsAsync<ServiceException>(() => owner.CreateStudyAsync(IrisStudy(1) with { Target = "colour" }, "wrong"));
        Assert.Equal(ServiceErrorKind.Invalid, wrongTarget.Kind);
        Assert.Contains(wrongTarget.Errors, e => e.Column == "target");
        var badBudget = await Assert.ThrowsAsync<ServiceException>(() =>
            owner.CreateStudyAsync(IrisStudy(1) with { Budget = new StudyBudget { MaxTrials = 0 } }, "bad-budget"));
        Assert.Contains(badBudget.Errors, e => e.Column == "budget.maxTrials");

        await owner.CreateStudyAsync(IrisStudy(1), "mine");
        var foreign = await Assert.ThrowsAsync<ServiceException>(() => other.GetStudyAsync("mine"));
        Assert.Contains(foreign.Kind, new[] { ServiceErrorKind.NotFound, ServiceErrorKind.Forbidden });
        var foreignData = await Assert.ThrowsAsync<ServiceException>(() => other.GetDatasetAsync("iris"));
        Assert.Contains(foreignData.Kind, new[] { ServiceErrorKind.NotFound, ServiceErrorKind.Forbidden });
        var unknown = await Assert.ThrowsAsync<ServiceException>(() => owner.GetLeaderboardAsync("mine", "no-such-scenario"));
        Assert.Equal(ServiceErrorKind.NotFound, unknown.Kind);
        await owner.WaitForCompletionAsync("mine");
    }

    [Fact]
    public async Task Admin_sees_the_cluster_and_drains_and_undrains_a_silo()
    {
        var view = await Admin.GetClusterAsync();
        var silo = Assert.Single(view.Silos, s => s.Devices.Contains("cpu"));
        Assert.Equal("cpu", silo.Role);
        Assert.Contains(view.Workers, w => w.Silo == silo.Name && w.Device == "cpu" && w.Slots >= 1);

        var drained = await Admin.DrainSiloAsync(silo.Name);
        Assert.True(drained.Draining);
        Assert.True((await Admin.GetClusterAsync()).Workers.Where(w => w.Silo == silo.Name).All(w => w.Draining));
        var undrained = await Admin.UndrainSiloAsync(silo.Name);
        Assert.False(undrained.Draining);

        var unknown = await Assert.ThrowsAsync<ServiceException>(() => Admin.DrainSiloAsync("no-such-silo"));
        Assert.Equal(ServiceErrorKind.NotFound, unknown.Kind);
    }

    [Fact]
    public async Task Listing_studies_follows_the_pages_past_the_largest_one()
    {
        var (created, client) = await NewTenantAsync("paged");
        var tenant = created.Tenant.TenantId;
        var index = Grains.GetGrain<ITenantGrain>(tenant);
        using (CallerContext.AsSystem())
        {
            // More studies than one page holds, indexed as their grains would report them.
            for (var i = 0; i < StudyListCursor.MaxLimit + 5; i++)
            {
                var id = $"s{i:000}";
                await index.ReserveStudyAsync(id, id);
                await index.ReleaseStudyAsync(id);
                await index.UpdateStudyRowAsync(id, new StudyInfo
                {
                    TenantId = tenant, StudyId = id, Spec = IrisStudy(1) with { Name = id },
                    Status = StudyStatus.Completed, Task = "classification", Metric = "accuracy",
                });
            }
        }

        var listed = await client.ListStudiesAsync();

        Assert.Equal(Enumerable.Range(0, StudyListCursor.MaxLimit + 5).Reverse().Select(i => $"s{i:000}"), listed.Select(s => s.StudyId));
    }
}
