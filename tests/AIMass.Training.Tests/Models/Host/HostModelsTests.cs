using AIMass.Training.Models.Host;
using static AIMass.Training.Tests.Models.Host.HostSamples;

namespace AIMass.Training.Tests.Models.Host;

public sealed class HostModelsTests
{
    [Theory]
    [InlineData("rf", TaskKind.Classification)]
    [InlineData("et", TaskKind.Regression)]
    [InlineData("linear", TaskKind.Classification)]
    [InlineData("linear", TaskKind.Regression)]
    [InlineData("knn", TaskKind.Classification)]
    public void Fits_and_loads_the_host_families_by_name(string family, TaskKind task)
    {
        Assert.True(HostModels.IsHostFamily(family));
        var data = task == TaskKind.Classification ? Blobs(120, 4, seed: 1) : Wave(120, 4, seed: 1);
        var model = HostModels.Fit(family, data, Hp(("trees", 10)));
        Assert.Equal(family, model.Family);
        Assert.True(model.ParameterCount > 0);
        var loaded = HostModels.Load(family, model.Save(), ShapeOf(data, model));
        Assert.Equal(family, loaded.Family);
        var scores = loaded.Score(data.Features, data.Rows);
        Assert.Equal(model.Score(data.Features, data.Rows), scores);
        Assert.Equal(data.Rows * data.OutputWidth, scores.Length);
        Assert.Empty(loaded.Score([], 0));
    }
}
