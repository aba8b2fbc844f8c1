using AIMass.Grains.Studies;
using AIMass.Grains.Tenants;
using AIMass.Grains.Tests.Infrastructure;

namespace AIMass.Grains.Tests.Studies.Admission;

/// <summary>On the cluster: a study whose space holds an inadmissible configuration is refused at creation, naming the
/// field, and nothing of it is stored.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StudyAdmissionTests(SharedCluster shared)
{
    private ServiceCluster Service => shared.Service;

    [Theory]
    [InlineData("epochs", "100000000", "searchSpace.epochs")]
    [InlineData("batch_size", "-3", "searchSpace.batch_size")]
    [InlineData("family", "xgboost", "searchSpace.family")]
    [InlineData("width", "8192", "searchSpace")]
    public async Task An_inadmissible_space_is_refused_at_creation_and_nothing_is_stored(string key, string value, string field)
    {
        var tenant = $"admission-{key.Replace('_', '-')}";
        await Service.CreateTenantAsync(tenant);
        await Service.UploadAsync(tenant, "iris", TestSamples.Bytes("iris.csv"), target: "species");
        var values = new Dictionary<string, string> { ["family"] = "mlp", ["layers"] = "16", ["width"] = "64", [key] = value };
        var spec = new StudySpec
        {
            Name = "s", DatasetId = "iris", Target = "species", Budget = new StudyBudget { MaxTrials = 2 },
            SearchSpace = new SearchSpace { Parameters = [ParameterSpec.Float("lr", 1e-3, 1e-2, log: true)], Fixed = values },
        };

        var e = await Assert.ThrowsAsync<ServiceException>(() => Service.CreateStudyAsync(tenant, "s", spec));
        Assert.Equal(ServiceErrorKind.Invalid, e.Kind);
        Assert.Contains(e.Errors, error => error.Column == field);

        using var _ = ServiceCluster.AsTenant(tenant);
        var missing = await Assert.ThrowsAsync<ServiceException>(() => Service.Study(tenant, "s").GetAsync());
        Assert.Equal(ServiceErrorKind.NotFound, missing.Kind);
        Assert.Equal(0, (await Service.Client.GetGrain<ITenantGrain>(tenant).GetAsync()).Usage.ActiveStudies);
    }
}
